package dev.berth.shim.patch;

import dev.berth.shim.resource.ResourceType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a PATCH request body to the current object, as kube-apiserver's patch handler does before it validates
 * and stores the result. Stateless and thread-safe.
 */
public final class Patcher {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The patched object; {@code current} is left unchanged.
     *
     * @throws PatchException with the Status kube-apiserver answers when the body is malformed (400), cannot be
     *                        applied (422), or is a strategic merge patch for a custom resource (415)
     */
    public ObjectNode apply(PatchType type, ResourceType resourceType, ObjectNode current, byte[] body)
            throws PatchException {
        return switch (type) {
            case JSON_PATCH -> jsonPatch(current, body);
            case MERGE_PATCH -> mergePatch(current, body);
            case STRATEGIC_MERGE_PATCH -> strategicMergePatch(resourceType, current, body);
        };
    }

    private static ObjectNode jsonPatch(ObjectNode current, byte[] body) throws PatchException {
        JsonNode operations = parse(body);
        if (!operations.isArray()) {
            throw PatchException.badRequest("json: cannot unmarshal " + JsonPatch.jsonKind(operations)
                    + " into Go value of type jsonpatch.Patch");
        }
        ObjectNode patched = current.deepCopy();
        JsonPatch.apply(patched, (ArrayNode) operations);
        return patched;
    }

    private static ObjectNode mergePatch(ObjectNode current, byte[] body) throws PatchException {
        JsonNode patch = parseOr(body, "Invalid JSON Patch");
        if (!patch.isObject()) {
            throw PatchException.badRequest("Invalid JSON Patch");
        }
        ObjectNode patched = current.deepCopy();
        MergePatch.apply(patched, (ObjectNode) patch);
        return patched;
    }

    private static ObjectNode strategicMergePatch(ResourceType resourceType, ObjectNode current, byte[] body)
            throws PatchException {
        StrategicSchema schema = StrategicSchemas.forType(resourceType).orElseThrow(() ->
                PatchException.unsupportedMediaType(PatchType.JSON_PATCH.mediaType() + ", "
                        + PatchType.MERGE_PATCH.mediaType()));
        JsonNode patch = parse(body);
        if (!patch.isObject()) {
            throw PatchException.badRequest("json: cannot unmarshal " + JsonPatch.jsonKind(patch)
                    + " into Go value of type map[string]interface {}");
        }
        return StrategicMergePatch.apply(current, (ObjectNode) patch, schema);
    }

    private static JsonNode parse(byte[] body) throws PatchException {
        return parseOr(body, null);
    }

    /** The body as JSON; a syntax error is answered with {@code message}, or the parser's own when null. */
    private static JsonNode parseOr(byte[] body, String message) throws PatchException {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw PatchException.badRequest(message != null ? message : "invalid JSON: " + e.getOriginalMessage());
        }
    }
}
