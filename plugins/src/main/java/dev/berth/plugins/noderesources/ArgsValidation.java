package dev.berth.plugins.noderesources;

import dev.berth.plugins.helper.LabelSyntax;
import dev.berth.framework.api.InvalidArgsException;
import java.util.List;

/**
 * Validation rules shared by the noderesources args, with upstream's field paths and messages
 * ({@code validation_pluginargs.go} and apimachinery's {@code IsQualifiedName}). Upstream aggregates
 * all errors; Berth reports the first one.
 */
final class ArgsValidation {

    /** Upstream's {@code MaxCustomPriorityScore}: shape scores are given on 0..10. */
    static final int MAX_CUSTOM_PRIORITY_SCORE = 10;


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
        List<String> errors = LabelSyntax.qualifiedNameErrors(value == null ? "" : value);
        if (!errors.isEmpty()) {
            throw invalid(field, value, errors.get(0));
        }
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
