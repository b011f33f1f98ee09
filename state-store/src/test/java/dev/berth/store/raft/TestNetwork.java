package dev.berth.store.raft;

import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * An in-memory network of {@link Replica}s: it takes each node's Ready, then delivers the messages one at
 * a time in the order they were sent until the cluster is quiet. Links can be cut and messages dropped or
 * held back, so a test states a fault and checks what Raft made of it, with no timers, threads or
 * randomness. Like a stream transport, it tells a sender whether a snapshot got through.
 */
final class TestNetwork {
    private final TreeMap<Long, Replica> replicas = new TreeMap<>();
    private final ArrayDeque<Message> inFlight = new ArrayDeque<>();
    /** Directed links that lose everything: {@code List.of(from, to)}. */
    private final Set<List<Long>> cut = new HashSet<>();
    private Predicate<Message> dropped = m -> false;
    private Predicate<Message> delayed = m -> false;
    private final List<Message> held = new ArrayList<>();
    private final List<Message> sent = new ArrayList<>();

    /**
     * Fresh nodes {@code ids}, all voters, with empty logs. Node {@code i} times out after
     * {@code electionTick + i - 1} quiet ticks, so the lowest id campaigns first.
     */
    static TestNetwork ofVoters(LongFunction<RaftConfig> config, long... ids) {
        TestNetwork network = new TestNetwork();
        for (long id : ids) {
            network.add(new Replica(config.apply(id), MemoryStorage.withConfState(Fixtures.voters(ids)), (int) id - 1));
        }
        return network;
    }

    /** Nodes {@code ids} of a new cluster bootstrapped as in production: membership in the log from index 1. */
    static TestNetwork bootstrapped(LongFunction<RaftConfig> config, long... ids) {
        List<Long> voters = Arrays.stream(ids).boxed().toList();
        TestNetwork network = new TestNetwork();
        for (long id : ids) {
            network.add(new Replica(config.apply(id), Bootstrap.memoryStorage(voters), (int) id - 1));
        }
        network.settle();
        return network;
    }

    static TestNetwork of(Replica... members) {
        TestNetwork network = new TestNetwork();
        for (Replica r : members) {
            network.add(r);
        }
        return network;
    }

    Replica add(Replica replica) {
        replicas.put(replica.id(), replica);
        return replica;
    }

    Replica replica(long id) {
        return replicas.get(id);
    }

    RaftNode node(long id) {
        return replicas.get(id).raft;
    }

    /** Cuts both directions between {@code a} and {@code b}. */
    TestNetwork cut(long a, long b) {
        cut.add(List.of(a, b));
        cut.add(List.of(b, a));
        return this;
    }

    /** Cuts {@code id} off from every other node. */
    TestNetwork isolate(long id) {
        for (long other : replicas.keySet()) {
            if (other != id) {
                cut(id, other);
            }
        }
        return this;
    }

    /** Loses every message matching {@code filter} (on top of the cut links). */
    TestNetwork drop(Predicate<Message> filter) {
        dropped = filter;
        return this;
    }

    /** Keeps every message matching {@code filter} in flight until {@link #takeHeld()} hands it back. */
    TestNetwork hold(Predicate<Message> filter) {
        delayed = filter;
        return this;
    }

    /** The messages held so far, oldest first; they are no longer held. */
    List<Message> takeHeld() {
        List<Message> out = List.copyOf(held);
        held.clear();
        return out;
    }

    /** Restores every link and stops dropping and holding. */
    TestNetwork heal() {
        cut.clear();
        dropped = m -> false;
        delayed = m -> false;
        return this;
    }

    /** Takes every node's Ready and delivers messages until no node has anything left to do. */
    void settle() {
        collectReadies();
        while (!inFlight.isEmpty()) {
            deliver(inFlight.poll());
            collectReadies();
        }
    }

    /** Takes every node's Ready and hands back the messages without delivering them. */
    List<Message> collect() {
        collectReadies();
        List<Message> out = new ArrayList<>(inFlight);
        inFlight.clear();
        return out;
    }

    /** Delivers {@code messages} in order (subject to cuts and drops), then settles. */
    void send(List<Message> messages) {
        for (Message m : messages) {
            deliver(m);
            collectReadies();
        }
        settle();
    }

    void campaign(long id) {
        node(id).campaign();
        settle();
    }

    void propose(long id, String data) {
        node(id).propose(Fixtures.bytes(data));
        settle();
    }

    /** {@code times} ticks of node {@code id} alone, settling after each. */
    void tick(long id, int times) {
        for (int i = 0; i < times; i++) {
            node(id).tick();
            settle();
        }
    }

    /** {@code times} ticks of every node, settling after each. */
    void tickAll(int times) {
        for (int i = 0; i < times; i++) {
            for (Replica r : replicas.values()) {
                r.raft.tick();
            }
            settle();
        }
    }

    /** Every message any node sent so far, lost ones included, in send order. */
    List<Message> sent() {
        return List.copyOf(sent);
    }

    List<Message> sent(MessageType type) {
        return sent.stream().filter(m -> m.getType() == type).toList();
    }

    void clearSent() {
        sent.clear();
    }

    /** The ids of the nodes that currently consider themselves leader. */
    List<Long> leaders() {
        return replicas.values().stream()
                .filter(r -> r.status().role() == RoleKind.LEADER)
                .map(Replica::id)
                .toList();
    }

    private void collectReadies() {
        for (Replica r : replicas.values()) {
            List<Message> out = r.processReady();
            sent.addAll(out);
            inFlight.addAll(out);
        }
    }

    private void deliver(Message m) {
        if (delayed.test(m)) {
            held.add(m);
            return;
        }
        Replica to = replicas.get(m.getTo());
        Replica from = replicas.get(m.getFrom());
        boolean lost = to == null || cut.contains(List.of(m.getFrom(), m.getTo())) || dropped.test(m);
        if (!lost) {
            to.raft.step(m);
        }
        if (m.getType() == MessageType.MSG_SNAPSHOT && from != null) {
            from.raft.reportSnapshot(m.getTo(), !lost);
        }
    }
}
