package dev.berth.shim.select;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A {@code fieldSelector} query parameter: comma-separated {@code field=value}, {@code field==value} or
 * {@code field!=value} terms over the fields a resource supports (kube-apiserver's field label conversions);
 * a field the resource does not support is a 400, as kube-apiserver answers.
 */
public record FieldSelector(List<Term> terms) {
    private static final Pattern TERM = Pattern.compile("([^=!]+?)\\s*(==|!=|=)\\s*(.*)");

    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    public FieldSelector {
        terms = List.copyOf(terms);
    }

    /** One term: the value at {@code path} (a dotted JSON path, {@code ""} when absent) equals or differs from {@code value}. */
    public record Term(String path, boolean equal, String value) {
        boolean matches(JsonNode object) {
            JsonNode node = object;
            for (String segment : path.split("\\.")) {
                node = node.path(segment);
            }
            return Json.text(node, "").equals(value) == equal;
        }
    }

    /** Parses a selector whose fields must be among {@code supported}; a blank one selects everything. */
    public static FieldSelector parse(String selector, Set<String> supported) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : selector.split(",")) {
            Matcher m = TERM.matcher(part.trim());
            if (!m.matches()) {
                throw ApiException.badRequest("invalid selector: '" + selector + "'; can't understand '" + part + "'");
            }
            String field = m.group(1).trim();
            if (!supported.contains(field)) {
                throw ApiException.badRequest("field label not supported: " + field);
            }
            terms.add(new Term(field, !m.group(2).equals("!="), m.group(3).trim()));
        }
        return new FieldSelector(terms);
    }

    public boolean matches(JsonNode object) {
        return terms.stream().allMatch(t -> t.matches(object));
    }
}
