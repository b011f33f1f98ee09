package dev.berth.shim.select;

import dev.berth.shim.error.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code labelSelector} query parameter in kube's syntax: comma-separated requirements, each {@code key},
 * {@code !key}, {@code key=value} ({@code ==}), {@code key!=value}, {@code key in (a,b)} or {@code key notin (a,b)};
 * an object matches when it meets them all.
 */
public record LabelSelector(List<Requirement> requirements) {
    private static final String KEY = "([A-Za-z0-9][-A-Za-z0-9_./]*)?[A-Za-z0-9]";
    private static final String VALUE = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*(" + KEY + ")");
    private static final Pattern SET = Pattern.compile("(" + KEY + ")\\s+(in|notin)\\s*\\((.*)\\)");
    private static final Pattern EQUALITY = Pattern.compile("(" + KEY + ")\\s*(==|!=|=)\\s*(" + VALUE + ")");
    private static final Pattern SET_VALUE = Pattern.compile(VALUE);

    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    public LabelSelector {
        requirements = List.copyOf(requirements);
    }

    /** One requirement on one label key. */
    public sealed interface Requirement {
        boolean matches(Map<String, String> labels);
    }

    public record Exists(String key) implements Requirement {
        @Override
        public boolean matches(Map<String, String> labels) {
            return labels.containsKey(key);
        }
    }

    public record DoesNotExist(String key) implements Requirement {
        @Override
        public boolean matches(Map<String, String> labels) {
            return !labels.containsKey(key);
        }
    }

    /** {@code key in (…)}, which {@code key=value} is a one-value case of. */
    public record In(String key, Set<String> values) implements Requirement {
        @Override
        public boolean matches(Map<String, String> labels) {
            return labels.containsKey(key) && values.contains(labels.get(key));
        }
    }

    /** {@code key notin (…)}, which {@code key!=value} is a one-value case of: true also when the label is absent. */
    public record NotIn(String key, Set<String> values) implements Requirement {
        @Override
        public boolean matches(Map<String, String> labels) {
            return !labels.containsKey(key) || !values.contains(labels.get(key));
        }
    }

    /** Parses a selector; a blank one selects everything; a malformed one is a 400 with kube's wording. */
    public static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitTopLevel(selector)) {
            requirements.add(requirement(part.trim(), selector));
        }
        return new LabelSelector(requirements);
    }

    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    private static Requirement requirement(String part, String selector) {
        Matcher m = SET.matcher(part);
        if (m.matches()) {
            Set<String> values = setValues(m.group(4), selector);
            return m.group(3).equals("in") ? new In(m.group(1), values) : new NotIn(m.group(1), values);
        }
        m = EQUALITY.matcher(part);
        if (m.matches()) {
            Set<String> value = Set.of(m.group(4));
            return m.group(3).equals("!=") ? new NotIn(m.group(1), value) : new In(m.group(1), value);
        }
        m = EXISTS.matcher(part);
        if (m.matches()) {
            return m.group(1).isEmpty() ? new Exists(m.group(2)) : new DoesNotExist(m.group(2));
        }
        throw ApiException.badRequest("unable to parse requirement: invalid label selector \"" + selector
                + "\": found '" + part + "'");
    }

    private static Set<String> setValues(String list, String selector) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : list.split(",", -1)) {
            String v = value.trim();
            if (!SET_VALUE.matcher(v).matches()) {
                throw ApiException.badRequest("unable to parse requirement: invalid label value \"" + v
                        + "\" in selector \"" + selector + "\"");
            }
            values.add(v);
        }
        return Set.copyOf(values);
    }

    /** Splits on commas that are not inside a parenthesized value set. */
    private static List<String> splitTopLevel(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }
}
