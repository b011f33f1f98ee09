package dev.berth.plugins.noderesources;

import dev.berth.framework.api.InvalidArgsException;
import java.util.List;

/**
 * Args of {@link NodeResourcesFit} (upstream's {@code NodeResourcesFitArgs}). Missing fields take
 * upstream's v1 defaults: scoring strategy LeastAllocated over cpu and memory with weight 1; an
 * empty resource list means that default list; a zero weight means 1.
 *
 * @param ignoredResources extended resources Filter does not check
 * @param ignoredResourceGroups extended resource groups (the part before '/') Filter does not check
 * @param scoringStrategy how Score ranks nodes
 */
public record NodeResourcesFitArgs(List<String> ignoredResources, List<String> ignoredResourceGroups,
                                   ScoringStrategy scoringStrategy) {

    public static final String LEAST_ALLOCATED = "LeastAllocated";
    public static final String MOST_ALLOCATED = "MostAllocated";
    public static final String REQUESTED_TO_CAPACITY_RATIO = "RequestedToCapacityRatio";

    /** cpu and memory, weight 1: upstream's default scoring resources. */
    public static final List<ResourceSpec> DEFAULT_RESOURCES = List.of(new ResourceSpec("cpu", 1), new ResourceSpec("memory", 1));

    private static final List<String> STRATEGIES = List.of(LEAST_ALLOCATED, MOST_ALLOCATED, REQUESTED_TO_CAPACITY_RATIO);

    public NodeResourcesFitArgs {
        ignoredResources = ignoredResources == null ? List.of() : List.copyOf(ignoredResources);
        ignoredResourceGroups = ignoredResourceGroups == null ? List.of() : List.copyOf(ignoredResourceGroups);
        scoringStrategy = scoringStrategy == null ? new ScoringStrategy(LEAST_ALLOCATED, null, null) : scoringStrategy;
    }

    /** Upstream's defaults: no ignored resources, LeastAllocated over cpu and memory. */
    public static NodeResourcesFitArgs defaults() {
        return new NodeResourcesFitArgs(null, null, null);
    }

    /**
     * Upstream's {@code ValidateNodeResourcesFitArgs}.
     *
     * @throws InvalidArgsException at the first invalid field
     */
    public void validate() {
        for (int i = 0; i < ignoredResources.size(); i++) {
            ArgsValidation.validateLabelName("ignoredResources[" + i + "]", ignoredResources.get(i));
        }
        for (int i = 0; i < ignoredResourceGroups.size(); i++) {
            String group = ignoredResourceGroups.get(i);
            String field = "ignoredResourceGroups[" + i + "]";
            if (group != null && group.contains("/")) {
                throw ArgsValidation.invalid(field, group, "resource group name can't contain '/'");
            }
            ArgsValidation.validateLabelName(field, group);
        }
        scoringStrategy.validate("scoringStrategy");
    }

    /**
     * How {@link NodeResourcesFit} scores (upstream's {@code ScoringStrategy}).
     *
     * @param type LeastAllocated, MostAllocated or RequestedToCapacityRatio
     * @param resources the resources scored and their weights
     * @param requestedToCapacityRatio the shape, for (and only for) RequestedToCapacityRatio
     */
    public record ScoringStrategy(String type, List<ResourceSpec> resources, RequestedToCapacityRatioParam requestedToCapacityRatio) {

        public ScoringStrategy {
            resources = resources == null || resources.isEmpty() ? DEFAULT_RESOURCES : List.copyOf(resources);
        }

        void validate(String path) {
            if (!STRATEGIES.contains(type)) {
                throw new InvalidArgsException(path + ".type", "Unsupported value: \"" + (type == null ? "" : type)
                        + "\": supported values: \"" + String.join("\", \"", STRATEGIES) + "\"");
            }
            ArgsValidation.validateResourceWeights(path + ".resources", resources);
            String ratioPath = path + ".requestedToCapacityRatio";
            if (REQUESTED_TO_CAPACITY_RATIO.equals(type)) {
                if (requestedToCapacityRatio == null) {
                    throw ArgsValidation.required(ratioPath, "must be specified when type is RequestedToCapacityRatio");
                }
                ArgsValidation.validateShape(ratioPath + ".shape", requestedToCapacityRatio.shape());
            } else if (requestedToCapacityRatio != null) {
                throw new InvalidArgsException(ratioPath, "Forbidden: must be nil when type is not RequestedToCapacityRatio");
            }
        }
    }

    /** The scoring function of RequestedToCapacityRatio, as points of a broken line. */
    public record RequestedToCapacityRatioParam(List<UtilizationShapePoint> shape) {

        public RequestedToCapacityRatioParam {
            shape = shape == null ? List.of() : List.copyOf(shape);
        }
    }
}
