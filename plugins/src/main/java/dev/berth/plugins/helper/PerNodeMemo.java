package dev.berth.plugins.helper;

import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.Parallelizer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A plugin's per-node answers to one question, kept from one scheduling cycle to the next. Consecutive
 * pods of a workload usually ask the same question (equal selectors and terms), and between two cycles
 * only the few nodes that gained or lost a pod get a new NodeInfo: the snapshot replaces a changed
 * NodeInfo with a fresh copy and never modifies one in place, and any change bumps the generation. So an
 * answer is reused when the key is equal and the node's NodeInfo is the same object with the same
 * generation, and computed otherwise; a plugin's per-attempt walk over every pod of every node then reads
 * one NodeInfo field per unchanged node.
 *
 * <p>{@code compute} must depend only on the NodeInfo and on what the key captures. One caller at a time
 * uses the memo; a concurrent caller (another profile's cycle, a preemption dry run) computes every answer
 * without it.
 *
 * @param <K> what the answers depend on besides the node, compared with {@link Object#equals}
 * @param <R> the answer for one node ({@code null} allowed)
 */
public final class PerNodeMemo<K, R> {

    private final AtomicBoolean inUse = new AtomicBoolean();
    private K key;
    private NodeInfo[] nodeInfos = new NodeInfo[0];
    private long[] generations = new long[0];
    private Object[] answers = new Object[0];

    /**
     * The answer for each of {@code nodes}, in order, computed on {@code parallelizer} where not
     * remembered. The returned list is the caller's.
     */
    @SuppressWarnings("unchecked")
    public List<R> answers(K key, List<NodeInfo> nodes, Parallelizer parallelizer, Function<NodeInfo, R> compute) {
        Objects.requireNonNull(key, "key");
        Object[] out = new Object[nodes.size()];
        if (!inUse.compareAndSet(false, true)) {
            parallelizer.until(nodes.size(), i -> out[i] = compute.apply(nodes.get(i)));
            return (List<R>) Arrays.asList(out);
        }
        try {
            if (!key.equals(this.key) || nodeInfos.length != nodes.size()) {
                this.key = key;
                nodeInfos = new NodeInfo[nodes.size()];
                generations = new long[nodes.size()];
                answers = new Object[nodes.size()];
            }
            NodeInfo[] seen = nodeInfos;
            long[] seenGenerations = generations;
            Object[] remembered = answers;
            parallelizer.until(nodes.size(), i -> {
                NodeInfo nodeInfo = nodes.get(i);
                long generation = nodeInfo.generation();
                if (seen[i] != nodeInfo || seenGenerations[i] != generation) {
                    remembered[i] = compute.apply(nodeInfo);
                    seen[i] = nodeInfo;
                    seenGenerations[i] = generation;
                }
                out[i] = remembered[i];
            });
            return (List<R>) Arrays.asList(out);
        } finally {
            inUse.set(false);
        }
    }
}
