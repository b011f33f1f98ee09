package dev.berth.shim.select;

import dev.berth.shim.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Converts a metav1.LabelSelector object ({@code matchLabels}, {@code matchExpressions}) into a {@link LabelSelector}. */
public final class LabelSelectors {
    private LabelSelectors() {
    }

    /** The selector in {@code selector}; an empty or absent one selects everything. */
    public static LabelSelector fromObject(JsonNode selector) {
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        selector.path("matchLabels").properties().forEach(e ->
                requirements.add(new LabelSelector.In(e.getKey(), Set.of(Json.text(e.getValue(), "")))));
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = Json.text(expression.path("key"), "");
            Set<String> values = new HashSet<>();
            expression.path("values").forEach(v -> values.add(Json.text(v, "")));
            String operator = Json.text(expression.path("operator"), "");
            requirements.add(switch (operator) {
                case "In" -> new LabelSelector.In(key, values);
                case "NotIn" -> new LabelSelector.NotIn(key, values);
                case "Exists" -> new LabelSelector.Exists(key);
                case "DoesNotExist" -> new LabelSelector.DoesNotExist(key);
                default -> throw new IllegalArgumentException("\"" + operator + "\" is not a valid label selector operator");
            });
        }
        return new LabelSelector(requirements);
    }
}
