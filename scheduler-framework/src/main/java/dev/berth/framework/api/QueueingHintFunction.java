package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Decides, for one pod that a plugin rejected, whether an event is worth a retry. Must be cheap: it
 * runs for every pending pod on every matching event. An exception counts as {@link QueueingHint#QUEUE}.
 */
@FunctionalInterface
public interface QueueingHintFunction {

    /** Always queue: what a registration without a hint function means. */
    QueueingHintFunction ALWAYS_QUEUE = (pod, oldObj, newObj) -> QueueingHint.QUEUE;

    /**
     * @param oldObj the object before the change, or {@code null} for an add
     * @param newObj the object after the change, or {@code null} for a delete
     */
    QueueingHint hint(Pod pod, Object oldObj, Object newObj);
}
