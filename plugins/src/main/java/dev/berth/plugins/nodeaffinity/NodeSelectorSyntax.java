package dev.berth.plugins.nodeaffinity;

import dev.berth.plugins.helper.LabelSyntax;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Upstream's parse-time checks of node selector terms ({@code component-helpers nodeaffinity} with
 * {@code labels.NewRequirement}): operators, label key and value syntax, value counts, integer Gt/Lt
 * values, and one-value matchFields. Errors read as upstream's {@code field.Error}s, path included.
 *
 * <p>Package-private because {@code helper.NodeSelectorMatcher} does not check label syntax; the
 * plugin drops the terms this class rejects before compiling them with the helper.
 */
final class NodeSelectorSyntax {

    private static final String LABEL_OPERATORS = "\"In\", \"NotIn\", \"Exists\", \"DoesNotExist\", \"Gt\", \"Lt\"";
    private static final String FIELD_OPERATORS = "\"In\", \"NotIn\"";

    private NodeSelectorSyntax() {
    }

    /** {@code parent.name}, or {@code name} at the root, as upstream's {@code field.Path.Child}. */
    static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** True if a term selects nothing by construction: upstream skips such terms instead of parsing them. */
    static boolean isEmpty(NodeSelectorTerm term) {
        return (term.getMatchExpressions() == null || term.getMatchExpressions().isEmpty())
                && (term.getMatchFields() == null || term.getMatchFields().isEmpty());
    }

    /** The parse errors of {@code term} at {@code path}; empty when upstream would accept it. */
    static List<String> errors(NodeSelectorTerm term, String path) {
        List<String> errs = new ArrayList<>();
        List<NodeSelectorRequirement> exprs = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
        for (int i = 0; i < exprs.size(); i++) {
            expressionErrors(exprs.get(i), child(path, "matchExpressions") + "[" + i + "]", errs);
        }
        List<NodeSelectorRequirement> fields = term.getMatchFields() == null ? List.of() : term.getMatchFields();
        for (int i = 0; i < fields.size(); i++) {
            fieldErrors(fields.get(i), child(path, "matchFields") + "[" + i + "]", errs);
        }
        return errs;
    }

    /** Parse errors of required terms under {@code path} (upstream's {@code NewNodeSelector}). */
    static List<String> requiredTermErrors(List<NodeSelectorTerm> terms, String path) {
        List<String> errs = new ArrayList<>();
        if (terms != null) {
            for (int i = 0; i < terms.size(); i++) {
                if (!isEmpty(terms.get(i))) {
                    errs.addAll(errors(terms.get(i), child(path, "nodeSelectorTerms") + "[" + i + "]"));
                }
            }
        }
        return errs;
    }

    /** Parse errors of preferred terms under {@code path}; zero-weight and empty terms are not parsed. */
    static List<String> preferredTermErrors(List<PreferredSchedulingTerm> terms, String path) {
        List<String> errs = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            PreferredSchedulingTerm t = terms.get(i);
            if (counts(t)) {
                errs.addAll(errors(t.getPreference(), path + "[" + i + "]"));
            }
        }
        return errs;
    }

    /** True if upstream parses and scores the term: non-zero weight and a non-empty preference. */
    static boolean counts(PreferredSchedulingTerm t) {
        return t.getWeight() != null && t.getWeight() != 0 && t.getPreference() != null && !isEmpty(t.getPreference());
    }

    /** Upstream's aggregate message: the error itself, or {@code [e1, e2]} for several. */
    static String aggregate(List<String> errs) {
        return errs.size() == 1 ? errs.get(0) : errs.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    private static void expressionErrors(NodeSelectorRequirement r, String p, List<String> errs) {
        String op = r.getOperator() == null ? "" : r.getOperator();
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        if (!List.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt").contains(op)) {
            errs.add(child(p, "operator") + ": Unsupported value: " + quote(op) + ": supported values: " + LABEL_OPERATORS);
            return;
        }
        List<String> keyErrs = LabelSyntax.qualifiedNameErrors(r.getKey() == null ? "" : r.getKey());
        if (!keyErrs.isEmpty()) {
            errs.add(invalid(child(p, "key"), quote(r.getKey()), String.join("; ", keyErrs)));
            return;
        }
        String valuesPath = child(p, "values");
        switch (op) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    errs.add(invalid(valuesPath, goSlice(values), "for 'in', 'notin' operators, values set can't be empty"));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    errs.add(invalid(valuesPath, goSlice(values), "values set must be empty for exists and does not exist"));
                }
            }
            default -> {
                if (values.size() != 1) {
                    errs.add(invalid(valuesPath, goSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"));
                }
                for (int i = 0; i < values.size(); i++) {
                    if (!isInt64(values.get(i))) {
                        errs.add(invalid(valuesPath + "[" + i + "]", quote(values.get(i)), "for 'Gt', 'Lt' operators, the value must be an integer"));
                    }
                }
            }
        }
        for (int i = 0; i < values.size(); i++) {
            List<String> valueErrs = LabelSyntax.labelValueErrors(values.get(i));
            if (!valueErrs.isEmpty()) {
                errs.add(invalid(valuesPath + "[" + i + "]", quote(values.get(i)), String.join("; ", valueErrs)));
            }
        }
    }

    private static void fieldErrors(NodeSelectorRequirement r, String p, List<String> errs) {
        String op = r.getOperator() == null ? "" : r.getOperator();
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        if (!op.equals("In") && !op.equals("NotIn")) {
            errs.add(child(p, "operator") + ": Unsupported value: " + quote(op) + ": supported values: " + FIELD_OPERATORS);
        } else if (values.size() != 1) {
            errs.add(invalid(child(p, "values"), goSlice(values), "must have one element"));
        }
    }

    private static boolean isInt64(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String invalid(String field, String badValue, String detail) {
        return field + ": Invalid value: " + badValue + ": " + detail;
    }

    private static String quote(String s) {
        return "\"" + (s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
    }

    /** A string slice as Go's {@code %#v} prints it, the way upstream shows bad value lists. */
    private static String goSlice(List<String> values) {
        return values.stream().map(NodeSelectorSyntax::quote).collect(Collectors.joining(", ", "[]string{", "}"));
    }
}
