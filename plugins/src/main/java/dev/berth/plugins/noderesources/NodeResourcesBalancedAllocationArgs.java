package dev.berth.plugins.noderesources;

import dev.berth.framework.api.InvalidArgsException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Args of {@link NodeResourcesBalancedAllocation} (upstream's {@code NodeResourcesBalancedAllocationArgs}).
 * Missing or empty resources mean cpu and memory; a zero weight means 1 (upstream's v1 defaults).
 *
 * @param resources the resources whose utilization should be balanced; every weight must be 1
 */
public record NodeResourcesBalancedAllocationArgs(List<ResourceSpec> resources) {

    public NodeResourcesBalancedAllocationArgs {
        resources = resources == null || resources.isEmpty() ? NodeResourcesFitArgs.DEFAULT_RESOURCES : List.copyOf(resources);
    }

    /** Upstream's defaults: cpu and memory. */
    public static NodeResourcesBalancedAllocationArgs defaults() {
        return new NodeResourcesBalancedAllocationArgs(null);
    }

    /**
     * Upstream's {@code ValidateNodeResourcesBalancedAllocationArgs}: no duplicate names, weights of 1.
     *
     * @throws InvalidArgsException at the first invalid field
     */
    public void validate() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < resources.size(); i++) {
            ResourceSpec r = resources.get(i);
            if (!seen.add(r.name())) {
                throw new InvalidArgsException("resources[" + i + "].name", "Duplicate value: \"" + r.name() + "\"");
            }
            if (r.weight() != 1) {
                throw ArgsValidation.invalid("resources[" + i + "].weight", r.weight(), "must be 1");
            }
        }
    }
}
