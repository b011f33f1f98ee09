package dev.berth.store.raft.simulation;

import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * The message router: delays every message by a random latency (which reorders them), drops and
 * duplicates some, and cuts links — both ways for a symmetric partition, one way for an asymmetric one.
 * Like a stream transport, it tells the sender whether a snapshot got through.
 */
final class Network {
    /** What happens to messages; the simulation changes it during a run. */
    static final class Conditions {
        double dropRate;
        double duplicateRate;
        int minLatencyMs = 1;
        int maxLatencyMs = 10;
    }

    /** The callbacks of the simulation that owns the nodes. */
    interface Endpoints {
        void deliver(Message m);

        void snapshotStatus(long from, long to, boolean delivered);
    }

    private final EventQueue events;
    private final Random random;
    private final Endpoints endpoints;
    final Conditions conditions = new Conditions();
    /** Directed links that are cut: {@code from * 1000 + to}. */
    private final Set<Long> cut = new HashSet<>();
    long sent;
    long dropped;

    Network(EventQueue events, Random random, Endpoints endpoints) {
        this.events = events;
        this.random = random;
        this.endpoints = endpoints;
    }

    void send(Message m) {
        sent++;
        boolean lost = isCut(m.getFrom(), m.getTo()) || random.nextDouble() < conditions.dropRate;
        if (lost) {
            dropped++;
            if (m.getType() == MessageType.MSG_SNAPSHOT) {
                events.after(latency(), () -> endpoints.snapshotStatus(m.getFrom(), m.getTo(), false));
            }
            return;
        }
        int copies = random.nextDouble() < conditions.duplicateRate ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            events.after(latency(), () -> {
                // A link cut while the message was in flight loses it too.
                if (isCut(m.getFrom(), m.getTo())) {
                    dropped++;
                    if (m.getType() == MessageType.MSG_SNAPSHOT) {
                        endpoints.snapshotStatus(m.getFrom(), m.getTo(), false);
                    }
                    return;
                }
                endpoints.deliver(m);
                if (m.getType() == MessageType.MSG_SNAPSHOT) {
                    endpoints.snapshotStatus(m.getFrom(), m.getTo(), true);
                }
            });
        }
    }

    private int latency() {
        return conditions.minLatencyMs + random.nextInt(conditions.maxLatencyMs - conditions.minLatencyMs + 1);
    }

    boolean isCut(long from, long to) {
        return cut.contains(from * 1000 + to);
    }

    void cutOneWay(long from, long to) {
        cut.add(from * 1000 + to);
    }

    void isolate(long node, Set<Long> others) {
        for (long o : others) {
            cutOneWay(node, o);
            cutOneWay(o, node);
        }
    }

    void heal() {
        cut.clear();
    }

    String describeCuts() {
        return cut.isEmpty() ? "none" : cut.stream().sorted().map(l -> (l / 1000) + "->" + (l % 1000)).toList().toString();
    }
}
