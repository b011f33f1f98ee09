package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled label selector (upstream's {@code labels.Selector}): a conjunction of requirements,
 * matched against a label map without parsing anything. Built once per pod or term, matched many times.
 */
public final class Selector {

    /** A selector operator; {@code GT} and {@code LT} compare integers and serve node selector terms. */
    public enum Operator { IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GT, LT }

    /** One requirement: {@code key op values}. */
    public record Requirement(String key, Operator operator, Set<String> values) {

        public Requirement {
            values = Set.copyOf(values);
        }

        public boolean matches(Map<String, String> labels) {
            String value = labels == null ? null : labels.get(key);
            return switch (operator) {
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
                case GT, LT -> value != null && compareAsLong(value);
            };
        }

        private boolean compareAsLong(String value) {
            try {
                long actual = Long.parseLong(value);
                long bound = Long.parseLong(values.iterator().next());
                return operator == Operator.GT ? actual > bound : actual < bound;
            } catch (NumberFormatException | java.util.NoSuchElementException e) {
                return false;
            }
        }
    }

    private static final Selector EVERYTHING = new Selector(List.of(), false);
    private static final Selector NOTHING = new Selector(List.of(), true);

    private final List<Requirement> requirements;
    /** The same requirements as an array: matching runs for every pod on every node of some attempts. */
    private final Requirement[] requirementArray;
    private final boolean matchesNothing;

    private Selector(List<Requirement> requirements, boolean matchesNothing) {
        this.requirements = List.copyOf(requirements);
        this.requirementArray = this.requirements.toArray(Requirement[]::new);
        this.matchesNothing = matchesNothing;
    }

    /** Matches every label set. */
    public static Selector everything() {
        return EVERYTHING;
    }

    /** Matches no label set. */
    public static Selector nothing() {
        return NOTHING;
    }

    /** A conjunction of requirements; empty means everything. */
    public static Selector of(List<Requirement> requirements) {
        return requirements.isEmpty() ? EVERYTHING : new Selector(requirements, false);
    }

    /**
     * Compiles a Kubernetes label selector as upstream's {@code LabelSelectorAsSelector}: {@code null}
     * selects nothing, an empty selector selects everything.
     *
     * @throws IllegalArgumentException for an unknown operator or an In/NotIn without values
     */
    public static Selector of(LabelSelector selector) {
        if (selector == null) {
            return NOTHING;
        }
        List<Requirement> reqs = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> reqs.add(new Requirement(k, Operator.IN, Set.of(v))));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement e : selector.getMatchExpressions()) {
                reqs.add(requirement(e.getKey(), e.getOperator(), e.getValues()));
            }
        }
        return of(reqs);
    }

    /** Shorthand: a selector matching exactly these labels. */
    public static Selector ofLabels(Map<String, String> labels) {
        List<Requirement> reqs = new ArrayList<>();
        labels.forEach((k, v) -> reqs.add(new Requirement(k, Operator.IN, Set.of(v))));
        return of(reqs);
    }

    /**
     * One requirement from Kubernetes' spelling of an operator ({@code In}, {@code NotIn}, {@code Exists},
     * {@code DoesNotExist}, {@code Gt}, {@code Lt}).
     */
    public static Requirement requirement(String key, String operator, List<String> values) {
        List<String> vals = values == null ? List.of() : values;
        Operator op = switch (operator == null ? "" : operator) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            case "Gt" -> Operator.GT;
            case "Lt" -> Operator.LT;
            default -> throw new IllegalArgumentException("\"" + operator + "\" is not a valid label selector operator");
        };
        if ((op == Operator.IN || op == Operator.NOT_IN) && vals.isEmpty()) {
            throw new IllegalArgumentException("for 'in', 'notin' operators, values set can't be empty (key " + key + ")");
        }
        if ((op == Operator.GT || op == Operator.LT) && vals.size() != 1) {
            throw new IllegalArgumentException("for 'Gt', 'Lt' operators, exactly one value is required (key " + key + ")");
        }
        return new Requirement(key, op, Set.copyOf(vals));
    }

    /** A selector that also requires {@code extra}. */
    public Selector and(Requirement extra) {
        if (matchesNothing) {
            return this;
        }
        List<Requirement> all = new ArrayList<>(requirements);
        all.add(extra);
        return new Selector(all, false);
    }

    public boolean matches(Map<String, String> labels) {
        if (matchesNothing) {
            return false;
        }
        Requirement[] reqs = requirementArray;
        for (int i = 0; i < reqs.length; i++) {
            if (!reqs[i].matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEverything() {
        return !matchesNothing && requirements.isEmpty();
    }

    public boolean isNothing() {
        return matchesNothing;
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    /** Equal requirements in the same order: plugins compare the selectors of consecutive pods to reuse work. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Selector other && other.matchesNothing == matchesNothing && other.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return 31 * requirements.hashCode() + Boolean.hashCode(matchesNothing);
    }

    @Override
    public String toString() {
        return matchesNothing ? "<nothing>" : requirements.toString();
    }
}
