package dev.berth.app.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One simulated kubelet's own state: its node's slot in the heartbeat schedule, and the Lease and Node as last
 * written, so that each periodic write is one update carrying their resourceVersion (as a kubelet sends it) rather
 * than a read and a write.
 */
final class SimulatedNode {
    final String name;
    final int slot;
    final long registeredNanos;
    volatile Lease lease;
    volatile Node node;
    /** Set while a write of that kind is queued or in flight, so a slow API gets no second one for the same node. */
    final AtomicBoolean leaseWriting = new AtomicBoolean();
    final AtomicBoolean statusWriting = new AtomicBoolean();

    SimulatedNode(String name, int slot, long registeredNanos, Lease lease, Node node) {
        this.name = name;
        this.slot = slot;
        this.registeredNanos = registeredNanos;
        this.lease = lease;
        this.node = node;
    }
}
