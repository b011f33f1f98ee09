package dev.berth.framework.api;

import java.util.Objects;

/** A cluster event a plugin registers for, with the hint function that filters it per pod. */
public record ClusterEventWithHint(ClusterEvent event, QueueingHintFunction hint) {

    public ClusterEventWithHint {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(hint, "hint");
    }

    /** Registers for {@code event} without a hint: every matching event requeues the pod. */
    public static ClusterEventWithHint of(ClusterEvent event) {
        return new ClusterEventWithHint(event, QueueingHintFunction.ALWAYS_QUEUE);
    }
}
