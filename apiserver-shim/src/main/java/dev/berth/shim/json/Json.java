package dev.berth.shim.json;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON mapper shared by the shim and the few tree helpers every layer needs. */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /** Parses stored JSON (written by the shim itself); a stored value that is not an object is a corrupt store. */
    public static ObjectNode parseObject(byte[] json) {
        JsonNode node = MAPPER.readTree(json);
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalStateException("stored value is not a JSON object");
        }
        return object;
    }

    /** The string at {@code node}, or {@code fallback} when it is missing, null or not a scalar. */
    public static String text(JsonNode node, String fallback) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainer()) {
            return fallback;
        }
        return node.isString() ? node.stringValue() : node.asString();
    }

    /** {@code metadata} of an object, created if absent. */
    public static ObjectNode metadata(ObjectNode object) {
        JsonNode metadata = object.get("metadata");
        if (metadata instanceof ObjectNode existing) {
            return existing;
        }
        return object.putObject("metadata");
    }

    public static String name(JsonNode object) {
        return text(object.path("metadata").path("name"), "");
    }

    public static String namespace(JsonNode object) {
        return text(object.path("metadata").path("namespace"), "");
    }

    /** A Kubernetes timestamp: RFC 3339 in UTC with whole seconds, as metav1.Time serializes. */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
