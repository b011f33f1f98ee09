package dev.berth.shim.patch;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON patch with the behaviour and error wording of the library kube-apiserver uses
 * (evanphx/json-patch v4): negative array indices count from the end, {@code replace} of a missing object member
 * sets it, and errors read like {@code testing value /spec/x failed: test failed}.
 */
final class JsonPatch {

    /** kube-apiserver's limit on the operations of one JSON patch. */
    static final int MAX_OPERATIONS = 10_000;

    private JsonPatch() {
    }

    /** Applies the operations in order to {@code document} (changed in place). */
    static void apply(ObjectNode document, ArrayNode operations) throws PatchException {
        if (operations.size() > MAX_OPERATIONS) {
            throw PatchException.tooManyOperations(MAX_OPERATIONS, operations.size());
        }
        for (JsonNode operation : operations) {
            if (!operation.isObject()) {
                throw PatchException.badRequest(
                        "json: cannot unmarshal " + jsonKind(operation) + " into Go value of type jsonpatch.Operation");
            }
            try {
                applyOne(document, operation);
            } catch (OperationFailed failed) {
                throw PatchException.rejected(failed.getMessage());
            }
        }
    }

    private static void applyOne(ObjectNode document, JsonNode operation) throws OperationFailed {
        JsonNode op = operation.get("op");
        String kind = op != null && op.isString() ? op.stringValue() : "unknown";
        switch (kind) {
            case "add" -> add(document, operation);
            case "remove" -> remove(document, operation);
            case "replace" -> replace(document, operation);
            case "move" -> move(document, operation);
            case "copy" -> copy(document, operation);
            case "test" -> test(document, operation);
            default -> throw new OperationFailed("Unexpected kind: " + kind);
        }
    }

    private static void add(ObjectNode document, JsonNode operation) throws OperationFailed {
        String path = path(operation, "add operation failed to decode path");
        Location at = Location.find(document, path)
                .orElseThrow(() -> missing("add operation does not apply: doc is missing path: \"" + path + "\""));
        at.add(value(operation), "error in add for path: '" + path + "'");
    }

    private static void remove(ObjectNode document, JsonNode operation) throws OperationFailed {
        String path = path(operation, "remove operation failed to decode path");
        Location at = Location.find(document, path)
                .orElseThrow(() -> missing("remove operation does not apply: doc is missing path: \"" + path + "\""));
        at.remove("error in remove for path: '" + path + "'");
    }

    private static void replace(ObjectNode document, JsonNode operation) throws OperationFailed {
        String path = path(operation, "replace operation failed to decode path");
        Location at = Location.find(document, path)
                .orElseThrow(() -> missing("replace operation does not apply: doc is missing path: " + path));
        if (at.container().isArray() && at.arrayIndex().isEmpty()) {
            throw missing("replace operation does not apply: doc is missing key: " + path);
        }
        at.set(value(operation));
    }

    private static void move(ObjectNode document, JsonNode operation) throws OperationFailed {
        String from = from(operation, "move operation failed to decode from");
        Location source = Location.find(document, from)
                .orElseThrow(() -> missing("move operation does not apply: doc is missing from path: " + from));
        JsonNode moved = source.get("error in move for path: '" + source.key() + "'");
        source.remove("error in move for path: '" + source.key() + "'");
        String path = path(operation, "move operation failed to decode path");
        Location target = Location.find(document, path)
                .orElseThrow(() -> missing("move operation does not apply: doc is missing destination path: " + path));
        target.add(moved, "error in move for path: '" + path + "'");
    }

    private static void copy(ObjectNode document, JsonNode operation) throws OperationFailed {
        String from = from(operation, "copy operation failed to decode from");
        Location source = Location.find(document, from)
                .orElseThrow(() -> missing("copy operation does not apply: doc is missing from path: " + from));
        JsonNode copied = source.get("error in copy for from: '" + from + "'");
        if (copied == null) {
            throw missing("copy operation does not apply: doc is missing from path: " + from);
        }
        String path = path(operation, "copy operation failed to decode path");
        Location target = Location.find(document, path)
                .orElseThrow(() -> missing("copy operation does not apply: doc is missing destination path: " + path));
        target.add(copied.deepCopy(), "error while adding value during copy");
    }

    private static void test(ObjectNode document, JsonNode operation) throws OperationFailed {
        String path = path(operation, "test operation failed to decode path");
        Location at = Location.find(document, path)
                .orElseThrow(() -> missing("test operation does not apply: is missing path: " + path));
        JsonNode actual = at.get("error in test for path: '" + path + "'");
        JsonNode expected = operation.get("value");
        boolean expectsAbsent = expected == null || expected.isNull();
        boolean passed = actual == null ? expectsAbsent : expected != null && actual.equals(expected);
        if (!passed) {
            throw new OperationFailed("testing value " + path + " failed: test failed");
        }
    }

    private static String path(JsonNode operation, String failure) throws OperationFailed {
        return stringMember(operation, "path", failure);
    }

    private static String from(JsonNode operation, String failure) throws OperationFailed {
        return stringMember(operation, "from", failure);
    }

    private static String stringMember(JsonNode operation, String member, String failure) throws OperationFailed {
        JsonNode value = operation.get(member);
        if (value == null || !value.isString()) {
            throw missing(failure);
        }
        return value.stringValue();
    }

    /** The operation's value; an absent {@code value} adds JSON null, as the upstream library does. */
    private static JsonNode value(JsonNode operation) {
        JsonNode value = operation.get("value");
        return value == null ? NullNode.getInstance() : value.deepCopy();
    }

    static OperationFailed missing(String message) {
        return new OperationFailed(message + ": missing value");
    }

    static String jsonKind(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        return node.isBoolean() ? "bool" : "null";
    }

    /** One operation that does not apply to the document; the message is the upstream library's. */
    static final class OperationFailed extends Exception {
        OperationFailed(String message) {
            super(message, null, false, false);
        }
    }
}
