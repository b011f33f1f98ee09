package dev.berth.plugins.defaultpreemption;

import dev.berth.framework.api.InvalidArgsException;

/**
 * The args of {@link DefaultPreemption} (upstream's {@code DefaultPreemptionArgs}): how many nodes the
 * dry run must find room on before it stops looking. The dry run wants at least
 * {@code max(numNodes * minCandidateNodesPercentage / 100, minCandidateNodesAbsolute)} candidates,
 * never more than there are nodes.
 *
 * <p>Berth reports only the first invalid field; upstream lists every one.
 *
 * @param minCandidateNodesPercentage share of the nodes to find as candidates, in [0, 100]; default 10
 * @param minCandidateNodesAbsolute least number of candidates to find, at least 0; default 100
 */
public record DefaultPreemptionArgs(Integer minCandidateNodesPercentage, Integer minCandidateNodesAbsolute) {

    /** Upstream's v1 default of {@code minCandidateNodesPercentage}. */
    public static final int DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE = 10;
    /** Upstream's v1 default of {@code minCandidateNodesAbsolute}. */
    public static final int DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE = 100;

    public DefaultPreemptionArgs {
        if (minCandidateNodesPercentage == null) {
            minCandidateNodesPercentage = DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE;
        }
        if (minCandidateNodesAbsolute == null) {
            minCandidateNodesAbsolute = DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE;
        }
    }

    /** The defaults: 10% and 100 nodes. */
    public static DefaultPreemptionArgs defaults() {
        return new DefaultPreemptionArgs(null, null);
    }

    /**
     * Upstream's {@code ValidateDefaultPreemptionArgs}.
     *
     * @throws InvalidArgsException naming the first invalid field, with upstream's field error text
     */
    public void validate() {
        int percentage = minCandidateNodesPercentage;
        int absolute = minCandidateNodesAbsolute;
        if (percentage < 0 || percentage > 100) {
            throw invalid("minCandidateNodesPercentage", percentage, "not in valid range [0, 100]");
        }
        if (absolute < 0) {
            throw invalid("minCandidateNodesAbsolute", absolute, "not in valid range [0, inf)");
        }
        if (percentage == 0 && absolute == 0) {
            throw invalid("minCandidateNodesPercentage", percentage, "cannot be zero at the same time as minCandidateNodesAbsolute");
        }
    }

    /** Formats like upstream's {@code field.Invalid}: {@code Invalid value: <value>: <detail>}. */
    private static InvalidArgsException invalid(String field, int value, String detail) {
        return new InvalidArgsException(field, "Invalid value: " + value + ": " + detail);
    }

    /**
     * How many candidates the dry run must find among {@code numNodes} potential nodes (upstream's
     * {@code calculateNumCandidates}).
     */
    int numCandidates(int numNodes) {
        int n = numNodes * minCandidateNodesPercentage / 100;
        n = Math.max(n, minCandidateNodesAbsolute);
        return Math.min(n, numNodes);
    }
}
