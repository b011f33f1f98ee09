package dev.berth.plugins.podtopologyspread;

import dev.berth.plugins.helper.LabelSyntax;
import dev.berth.framework.api.InvalidArgsException;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Objects;

/**
 * Args of {@link PodTopologySpread} (upstream's {@code PodTopologySpreadArgs}).
 *
 * @param defaultConstraints constraints for pods that define none; they must not set a labelSelector
 *     (it is deduced per pod from its Services and controller)
 * @param defaultingType {@code System} (the default: hostname maxSkew 3 and zone maxSkew 5, both
 *     ScheduleAnyway) or {@code List} (use {@code defaultConstraints})
 */
public record PodTopologySpreadArgs(List<TopologySpreadConstraint> defaultConstraints, String defaultingType) {

    public static final String SYSTEM_DEFAULTING = "System";
    public static final String LIST_DEFAULTING = "List";


    public PodTopologySpreadArgs {
        defaultConstraints = defaultConstraints == null ? List.of() : List.copyOf(defaultConstraints);
        defaultingType = defaultingType == null || defaultingType.isEmpty() ? SYSTEM_DEFAULTING : defaultingType;
    }

    /** The defaults: System defaulting, no listed constraints. */
    public static PodTopologySpreadArgs defaults() {
        return new PodTopologySpreadArgs(null, null);
    }

    /**
     * Upstream's {@code ValidatePodTopologySpreadArgs}; throws for the first error in upstream's order,
     * with upstream's field path and wording.
     *
     * @throws InvalidArgsException if the args are invalid
     */
    public void validate() {
        if (!SYSTEM_DEFAULTING.equals(defaultingType) && !LIST_DEFAULTING.equals(defaultingType)) {
            throw new InvalidArgsException("defaultingType",
                    "Unsupported value: \"" + defaultingType + "\": supported values: \"System\", \"List\"");
        }
        if (SYSTEM_DEFAULTING.equals(defaultingType) && !defaultConstraints.isEmpty()) {
            throw new InvalidArgsException("defaultingType", "Invalid value: \"System\": when .defaultConstraints are not empty");
        }
        for (int i = 0; i < defaultConstraints.size(); i++) {
            validateConstraint(i);
        }
    }

    private void validateConstraint(int i) {
        TopologySpreadConstraint c = defaultConstraints.get(i);
        String path = "defaultConstraints[" + i + "]";
        int maxSkew = c.getMaxSkew() == null ? 0 : c.getMaxSkew();
        if (maxSkew <= 0) {
            throw new InvalidArgsException(path + ".maxSkew", "Invalid value: " + maxSkew + ": not in valid range (0, inf)");
        }
        validateTopologyKey(path + ".topologyKey", c.getTopologyKey());
        String action = c.getWhenUnsatisfiable();
        if (action == null || action.isEmpty()) {
            throw new InvalidArgsException(path + ".whenUnsatisfiable", "Required value: can not be empty");
        }
        if (!SpreadConstraint.DO_NOT_SCHEDULE.equals(action) && !SpreadConstraint.SCHEDULE_ANYWAY.equals(action)) {
            throw new InvalidArgsException(path + ".whenUnsatisfiable",
                    "Unsupported value: \"" + action + "\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\"");
        }
        if (c.getLabelSelector() != null) {
            throw new InvalidArgsException(path + ".labelSelector",
                    "Forbidden: constraint must not define a selector, as they deduced for each pod");
        }
        for (int j = 0; j < i; j++) {
            TopologySpreadConstraint other = defaultConstraints.get(j);
            if (Objects.equals(c.getTopologyKey(), other.getTopologyKey()) && Objects.equals(action, other.getWhenUnsatisfiable())) {
                throw new InvalidArgsException(path, "Duplicate value: \"{" + c.getTopologyKey() + ", " + action + "}\"");
            }
        }
    }

    /** A qualified label name (upstream's {@code ValidateLabelName}). */
    private static void validateTopologyKey(String field, String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidArgsException(field, "Required value: can not be empty");
        }
        List<String> errors = LabelSyntax.qualifiedNameErrors(key);
        String problem = errors.isEmpty() ? null : errors.get(0);
        if (problem != null) {
            throw new InvalidArgsException(field, "Invalid value: \"" + key + "\": " + problem);
        }
    }
}
