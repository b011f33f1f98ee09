package dev.berth.plugins.trimaran.targetloadpacking;

import io.fabric8.kubernetes.api.model.Node;
import java.util.Optional;

/**
 * Where {@link TargetLoadPacking} reads node utilisation (upstream's load-watcher client). Called from Score, in
 * parallel, for every feasible node: it must answer from memory, never by I/O, so a source backed by a metrics API
 * polls it in the background and answers from its last poll.
 *
 * <p>Name an implementation in the args' {@code metricsSource}: a public class on the scheduler's class path with a
 * public constructor taking a {@link dev.berth.framework.api.Handle}, or none.
 */
public interface NodeMetricsSource {

    /** The node's latest utilisation; empty when the node has reported none (a new node, a broken agent). */
    Optional<NodeCpuUtilization> cpuUtilization(Node node);
}
