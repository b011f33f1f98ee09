package dev.berth.plugins.interpodaffinity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.framework.api.InvalidArgsException;

/**
 * The args of {@link InterPodAffinity} (upstream's {@code InterPodAffinityArgs}).
 *
 * @param hardPodAffinityWeight the score weight of an existing pod's required affinity term that the
 *     incoming pod matches (0..100, default 1; 0 turns that symmetry off)
 * @param ignorePreferredTermsOfExistingPods skip scoring existing pods' preferred terms when the
 *     incoming pod has no preferred (anti-)affinity of its own (default false)
 */
public record InterPodAffinityArgs(int hardPodAffinityWeight, boolean ignorePreferredTermsOfExistingPods) {

    /** Upstream's v1 default for {@code hardPodAffinityWeight}. */
    public static final int DEFAULT_HARD_POD_AFFINITY_WEIGHT = 1;
    static final int MIN_HARD_POD_AFFINITY_WEIGHT = 0;
    static final int MAX_HARD_POD_AFFINITY_WEIGHT = 100;

    /** The args with every field at its default. */
    public static InterPodAffinityArgs defaults() {
        return of(null, null);
    }

    /** Binds decoded fields, applying upstream's defaults to the missing ones. */
    @JsonCreator
    public static InterPodAffinityArgs of(@JsonProperty("hardPodAffinityWeight") Integer hardPodAffinityWeight,
            @JsonProperty("ignorePreferredTermsOfExistingPods") Boolean ignorePreferredTermsOfExistingPods) {
        return new InterPodAffinityArgs(hardPodAffinityWeight == null ? DEFAULT_HARD_POD_AFFINITY_WEIGHT : hardPodAffinityWeight,
                Boolean.TRUE.equals(ignorePreferredTermsOfExistingPods));
    }

    /**
     * Upstream's {@code ValidateInterPodAffinityArgs}.
     *
     * @throws InvalidArgsException if {@code hardPodAffinityWeight} is outside 0..100
     */
    public InterPodAffinityArgs validate() {
        if (hardPodAffinityWeight < MIN_HARD_POD_AFFINITY_WEIGHT || hardPodAffinityWeight > MAX_HARD_POD_AFFINITY_WEIGHT) {
            throw new InvalidArgsException("hardPodAffinityWeight", "Invalid value: " + hardPodAffinityWeight + ": not in valid range ["
                    + MIN_HARD_POD_AFFINITY_WEIGHT + ", " + MAX_HARD_POD_AFFINITY_WEIGHT + "]");
        }
        return this;
    }
}
