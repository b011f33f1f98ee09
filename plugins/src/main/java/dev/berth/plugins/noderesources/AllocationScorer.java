package dev.berth.plugins.noderesources;

import dev.berth.framework.api.ScorePlugin;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Turns one node's per-resource vectors into a score in 0..100. Index {@code i} of every vector is
 * the {@code i}-th configured resource; a resource with {@code allocatable[i] == 0} is not scored.
 */
@FunctionalInterface
interface AllocationScorer {

    /**
     * @param requested what the node would have requested with the pod on it
     * @param allocated what the node has requested without the pod
     * @param allocatable what the node can give
     */
    long score(long[] requested, long[] allocated, long[] allocatable);

    /** The RequestedToCapacityRatio shape uses a 0..10 scale; the scheduler's scores are 0..100. */
    long SHAPE_SCORE_SCALE = ScorePlugin.MAX_NODE_SCORE / ArgsValidation.MAX_CUSTOM_PRIORITY_SCORE;

    /** Utilization, in percent, of a full (or overfull) resource. */
    long MAX_UTILIZATION = 100;

    /** Upstream's {@code leastResourceScorer}: the weighted mean share of free capacity. */
    static AllocationScorer leastAllocated(List<ResourceSpec> resources) {
        return weightedMean(resources, (requested, capacity) ->
                requested > capacity ? 0 : (capacity - requested) * ScorePlugin.MAX_NODE_SCORE / capacity);
    }

    /**
     * Upstream's {@code mostResourceScorer}: the weighted mean share of used capacity. Requests above
     * capacity count as full, since pods without requests are counted with non-zero defaults.
     */
    static AllocationScorer mostAllocated(List<ResourceSpec> resources) {
        return weightedMean(resources, (requested, capacity) ->
                Math.min(requested, capacity) * ScorePlugin.MAX_NODE_SCORE / capacity);
    }

    private static AllocationScorer weightedMean(List<ResourceSpec> resources, ResourceScore perResource) {
        return (requested, allocated, allocatable) -> {
            long nodeScore = 0;
            long weightSum = 0;
            for (int i = 0; i < requested.length; i++) {
                if (allocatable[i] == 0) {
                    continue;
                }
                long weight = resources.get(i).weight();
                nodeScore += perResource.score(requested[i], allocatable[i]) * weight;
                weightSum += weight;
            }
            return weightSum == 0 ? 0 : nodeScore / weightSum;
        };
    }

    /**
     * Upstream's {@code requestedToCapacityRatioScorer}: each resource's utilization mapped through
     * the broken-line shape; resources scoring 0 do not count; the weighted mean is rounded.
     */
    static AllocationScorer requestedToCapacityRatio(List<ResourceSpec> resources, List<UtilizationShapePoint> shape) {
        long[] utilization = new long[shape.size()];
        long[] score = new long[shape.size()];
        for (int i = 0; i < shape.size(); i++) {
            utilization[i] = shape.get(i).utilization();
            score[i] = shape.get(i).score() * SHAPE_SCORE_SCALE;
        }
        LongUnaryOperator raw = brokenLinearFunction(utilization, score);
        return (requested, allocated, allocatable) -> {
            long nodeScore = 0;
            long weightSum = 0;
            for (int i = 0; i < requested.length; i++) {
                if (allocatable[i] == 0) {
                    continue;
                }
                long resourceScore = requested[i] > allocatable[i]
                        ? raw.applyAsLong(MAX_UTILIZATION)
                        : raw.applyAsLong(requested[i] * MAX_UTILIZATION / allocatable[i]);
                if (resourceScore > 0) {
                    long weight = resources.get(i).weight();
                    nodeScore += resourceScore * weight;
                    weightSum += weight;
                }
            }
            return weightSum == 0 ? 0 : Math.round((double) nodeScore / weightSum);
        };
    }

    /**
     * Upstream's {@code helper.BuildBrokenLinearFunction}: linear between consecutive points (integer
     * arithmetic), flat before the first and after the last.
     */
    static LongUnaryOperator brokenLinearFunction(long[] utilization, long[] score) {
        return p -> {
            for (int i = 0; i < utilization.length; i++) {
                if (p <= utilization[i]) {
                    if (i == 0) {
                        return score[0];
                    }
                    return score[i - 1] + (score[i] - score[i - 1]) * (p - utilization[i - 1]) / (utilization[i] - utilization[i - 1]);
                }
            }
            return score[score.length - 1];
        };
    }

    /**
     * Current upstream's {@code balancedResourceScorer}: how much placing the pod improves the balance
     * of the node, {@code 50 + (50 + withPod - withoutPod) / 2}, where each balance is
     * {@code (1 - std) * 100} of the resources' utilization fractions (capped at 1).
     */
    static AllocationScorer balanced() {
        return (requested, allocated, allocatable) -> {
            long half = ScorePlugin.MAX_NODE_SCORE / 2;
            long withPod = balance(requested, allocatable);
            long withoutPod = balance(allocated, allocatable);
            return half + (half + withPod - withoutPod) / 2;
        };
    }

    private static long balance(long[] requested, long[] allocatable) {
        double[] fractions = new double[requested.length];
        int n = 0;
        double total = 0;
        for (int i = 0; i < requested.length; i++) {
            if (allocatable[i] == 0) {
                continue;
            }
            double fraction = Math.min(1, (double) requested[i] / (double) allocatable[i]);
            total += fraction;
            fractions[n++] = fraction;
        }
        double std = 0;
        if (n == 2) {
            // The common cpu+memory case: the standard deviation of two values is half their distance.
            std = Math.abs((fractions[0] - fractions[1]) / 2);
        } else if (n > 2) {
            double mean = total / n;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum = sum + (fractions[i] - mean) * (fractions[i] - mean);
            }
            std = Math.sqrt(sum / n);
        }
        return (long) ((1 - std) * ScorePlugin.MAX_NODE_SCORE);
    }

    /** One resource's score from its requested amount and (non-zero) capacity. */
    @FunctionalInterface
    interface ResourceScore {
        long score(long requested, long capacity);
    }
}
