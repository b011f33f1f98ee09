package dev.berth.store.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearizedSetTest {

    private static final int SIZE = 200;

    /**
     * Snapshots are compacted, so a set reached by any sequence of adds and removes must snapshot equal to a fresh set
     * holding the same ids, and unequal to one differing in a single id.
     */
    @Test
    void snapshotsAreEqualExactlyWhenTheSetsAre() {
        Random random = new Random(7);
        LinearizedSet set = new LinearizedSet(SIZE);
        BitSet bits = new BitSet();
        for (int round = 0; round < 5_000; round++) {
            int id = random.nextInt(SIZE);
            if (random.nextInt(3) > 0) {
                int lowestMissing = bits.nextClearBit(0);
                int added = lowestMissing < SIZE && random.nextBoolean() ? lowestMissing : id;
                set.add(added);
                bits.set(added);
            } else {
                set.remove(id);
                bits.clear(id);
            }

            assertThat(set.snapshot()).as("round %d: %s", round, bits).isEqualTo(fresh(bits));
            assertThat(set.snapshot().hashCode()).isEqualTo(fresh(bits).hashCode());
            BitSet flipped = (BitSet) bits.clone();
            flipped.flip(random.nextInt(SIZE));
            assertThat(set.snapshot()).isNotEqualTo(fresh(flipped));
        }
    }

    @Test
    void aSnapshotDoesNotChangeWithTheSet() {
        LinearizedSet set = new LinearizedSet(130);
        set.add(0);
        set.add(129);
        LinearizedSet.Snapshot before = set.snapshot();

        set.remove(129);
        set.add(5);

        BitSet original = new BitSet();
        original.set(0);
        original.set(129);
        assertThat(before).isEqualTo(fresh(original)).isNotEqualTo(set.snapshot());
    }

    private static LinearizedSet.Snapshot fresh(BitSet bits) {
        LinearizedSet set = new LinearizedSet(SIZE);
        bits.stream().forEach(set::add);
        return set.snapshot();
    }
}
