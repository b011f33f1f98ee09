package dev.berth.plugins.podtopologyspread;

import dev.berth.framework.api.InvalidArgsException;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

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

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

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

    /** A qualified label name: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
    private static void validateTopologyKey(String field, String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidArgsException(field, "Required value: can not be empty");
        }
        String[] parts = key.split("/", -1);
        String name = parts[parts.length - 1];
        String problem = null;
        if (parts.length > 2) {
            problem = "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
        } else if (parts.length == 2 && (parts[0].isEmpty() || parts[0].length() > 253 || !DNS_SUBDOMAIN.matcher(parts[0]).matches())) {
            problem = parts[0].isEmpty() ? "prefix part must be non-empty"
                    : "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
        } else if (name.isEmpty()) {
            problem = "name part must be non-empty";
        } else if (name.length() > 63) {
            problem = "name part must be no more than 63 characters";
        } else if (!NAME.matcher(name).matches()) {
            problem = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
        }
        if (problem != null) {
            throw new InvalidArgsException(field, "Invalid value: \"" + key + "\": " + problem);
        }
    }
}
