package dev.berth.plugins.noderesources;

import dev.berth.framework.api.InvalidArgsException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validation rules shared by the noderesources args, with upstream's field paths and messages
 * ({@code validation_pluginargs.go} and apimachinery's {@code IsQualifiedName}). Upstream aggregates
 * all errors; Berth reports the first one.
 */
final class ArgsValidation {

    /** Upstream's {@code MaxCustomPriorityScore}: shape scores are given on 0..10. */
    static final int MAX_CUSTOM_PRIORITY_SCORE = 10;

    private static final int QUALIFIED_NAME_MAX_LENGTH = 63;
    private static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern QUALIFIED_NAME = Pattern.compile("^" + QUALIFIED_NAME_FMT + "$");
    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("^" + DNS1123_SUBDOMAIN_FMT + "$");
    private static final String QUALIFIED_NAME_ERR = "must consist of alphanumeric characters, '-', '_' or '.', and must start"
            + " and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '"
            + QUALIFIED_NAME_FMT + "')";

    private ArgsValidation() {
    }

    /** apimachinery's {@code field.Invalid} wording. */
    static InvalidArgsException invalid(String field, Object value, String detail) {
        String shown = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return new InvalidArgsException(field, "Invalid value: " + shown + ": " + detail);
    }

    static InvalidArgsException required(String field, String detail) {
        return new InvalidArgsException(field, "Required value: " + detail);
    }

    /** Upstream's {@code ValidateLabelName}: a qualified name with an optional DNS-subdomain prefix. */
    static void validateLabelName(String field, String value) {
        String detail = qualifiedNameError(value == null ? "" : value);
        if (detail != null) {
            throw invalid(field, value, detail);
        }
    }

    private static String qualifiedNameError(String value) {
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                return "prefix part must be non-empty";
            }
            if (prefix.length() > DNS1123_SUBDOMAIN_MAX_LENGTH) {
                return "prefix part must be no more than " + DNS1123_SUBDOMAIN_MAX_LENGTH + " characters";
            }
            if (!DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
                return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.',"
                        + " and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '"
                        + DNS1123_SUBDOMAIN_FMT + "')";
            }
        } else {
            return "a qualified name " + QUALIFIED_NAME_ERR + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
        }
        if (name.isEmpty()) {
            return "name part must be non-empty";
        }
        if (name.length() > QUALIFIED_NAME_MAX_LENGTH) {
            return "name part must be no more than " + QUALIFIED_NAME_MAX_LENGTH + " characters";
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            return "name part " + QUALIFIED_NAME_ERR;
        }
        return null;
    }

    /** Scoring resources: each weight in (0, 100]. */
    static void validateResourceWeights(String field, List<ResourceSpec> resources) {
        for (int i = 0; i < resources.size(); i++) {
            ResourceSpec r = resources.get(i);
            if (r.weight() <= 0 || r.weight() > 100) {
                throw invalid(field + "[" + i + "].weight", r.weight(),
                        "resource weight of " + r.name() + " not in valid range (0, 100]");
            }
        }
    }

    /** A RequestedToCapacityRatio shape: non-empty, strictly increasing utilization, points in range. */
    static void validateShape(String field, List<UtilizationShapePoint> shape) {
        if (shape == null || shape.isEmpty()) {
            throw required(field, "at least one point must be specified");
        }
        for (int i = 1; i < shape.size(); i++) {
            if (shape.get(i - 1).utilization() >= shape.get(i).utilization()) {
                throw invalid(field + "[" + i + "].utilization", shape.get(i).utilization(), "values must be sorted in increasing order");
            }
        }
        for (int i = 0; i < shape.size(); i++) {
            UtilizationShapePoint p = shape.get(i);
            if (p.utilization() < 0 || p.utilization() > 100) {
                throw invalid(field + "[" + i + "].utilization", p.utilization(), "not in valid range [0, 100]");
            }
            if (p.score() < 0 || p.score() > MAX_CUSTOM_PRIORITY_SCORE) {
                throw invalid(field + "[" + i + "].score", p.score(), "not in valid range [0, " + MAX_CUSTOM_PRIORITY_SCORE + "]");
            }
        }
    }
}
