package dev.berth.store.raft;

import java.util.random.RandomGenerator;

/**
 * The only randomness the core uses is the election-timeout jitter ({@code nextInt(electionTick)}). Fixing
 * it per node makes every timeout exact: a node with jitter {@code j} campaigns after
 * {@code electionTick + j} quiet ticks, so tests can say which node times out first and when.
 */
record FixedJitter(int jitter) implements RandomGenerator {
    @Override
    public long nextLong() {
        return jitter;
    }

    @Override
    public int nextInt(int bound) {
        return jitter % bound;
    }
}
