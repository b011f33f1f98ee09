package dev.berth.shim.patch;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** RFC 7386 JSON merge patch: objects merge member by member, {@code null} removes, everything else replaces. */
final class MergePatch {

    private MergePatch() {
    }

    /** Merges {@code patch} into {@code target} in place. */
    static void apply(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> member : List.copyOf(patch.properties())) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            JsonNode existing = target.get(name);
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                apply((ObjectNode) existing, (ObjectNode) value);
            } else if (value.isObject()) {
                ObjectNode fresh = target.objectNode();
                apply(fresh, (ObjectNode) value);
                target.set(name, fresh);
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }
}
