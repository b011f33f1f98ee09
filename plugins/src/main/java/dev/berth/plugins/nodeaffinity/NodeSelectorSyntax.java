package dev.berth.plugins.nodeaffinity;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
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

    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern QUALIFIED_NAME = Pattern.compile("^" + QUALIFIED_NAME_FMT + "$");
    private static final String QUALIFIED_NAME_MSG =
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    private static final Pattern LABEL_VALUE = Pattern.compile("^" + LABEL_VALUE_FMT + "$");
    private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, "
            + "'-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String DNS1123_SUBDOMAIN_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("^" + DNS1123_SUBDOMAIN_FMT + "$");
    private static final String DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character";
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
        List<String> keyErrs = qualifiedNameErrors(r.getKey() == null ? "" : r.getKey());
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
            List<String> valueErrs = labelValueErrors(values.get(i));
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

    /** Upstream's {@code validation.IsQualifiedName}. */
    static List<String> qualifiedNameErrors(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                for (String e : dns1123SubdomainErrors(prefix)) {
                    errs.add("prefix part " + e);
                }
            }
        } else {
            errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part must be no more than 63 characters");
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    private static List<String> dns1123SubdomainErrors(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 253) {
            errs.add("must be no more than 253 characters");
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            errs.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    private static List<String> labelValueErrors(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add("must be no more than 63 characters");
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    /** Upstream's {@code validation.RegexError}, double spaces before "or" included. */
    private static String regexError(String msg, String fmt, String... examples) {
        StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                sb.append(" or ");
            }
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '").append(fmt).append("')").toString();
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
