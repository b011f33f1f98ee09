package dev.berth.shim;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import dev.berth.shim.patch.ObjectPatcher;
import dev.berth.shim.resource.ResourceType;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for the patch library in tests that need PATCH (fabric8's LeaderElector updates its Lease with a JSON
 * merge patch): RFC 7386 merge patch only, to exercise the shim's patch path, not to replace the real patcher.
 */
final class MergePatchForTests implements ObjectPatcher {
    static final String MEDIA_TYPE = "application/merge-patch+json";

    @Override
    public boolean supports(String mediaType) {
        return mediaType.equals(MEDIA_TYPE);
    }

    @Override
    public ObjectNode apply(String mediaType, ResourceType type, ObjectNode current, byte[] body) {
        JsonNode patch;
        try {
            patch = Json.MAPPER.readTree(body);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("malformed merge patch");
        }
        if (!(patch instanceof ObjectNode object)) {
            throw ApiException.badRequest("a merge patch must be an object");
        }
        merge(current, object);
        return current;
    }

    private static void merge(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value instanceof ObjectNode nested && target.get(field.getKey()) instanceof ObjectNode existing) {
                merge(existing, nested);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }
}
