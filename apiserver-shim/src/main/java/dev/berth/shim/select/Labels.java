package dev.berth.shim.select;

import dev.berth.shim.json.Json;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** An object's {@code metadata.labels} as a map. */
public final class Labels {
    private Labels() {
    }

    public static Map<String, String> of(JsonNode object) {
        Map<String, String> labels = new HashMap<>();
        object.path("metadata").path("labels").properties()
                .forEach(e -> labels.put(e.getKey(), Json.text(e.getValue(), "")));
        return labels;
    }
}
