package dev.berth.plugins.noderesources;

/**
 * A resource the node cannot give the pod (upstream's {@code InsufficientResource}).
 *
 * @param resourceName e.g. {@code cpu} or {@code example.com/gpu}
 * @param reason the Filter reason, e.g. {@code Insufficient cpu}
 * @param requested the pod's request
 * @param used what the pods on the node already request
 * @param capacity the node's allocatable amount
 * @param unresolvable the request exceeds the node's whole allocatable amount, so preemption cannot help
 */
public record InsufficientResource(String resourceName, String reason, long requested, long used, long capacity,
                                   boolean unresolvable) {
}
