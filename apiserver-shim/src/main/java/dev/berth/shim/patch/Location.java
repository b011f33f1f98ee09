package dev.berth.shim.patch;

import dev.berth.shim.patch.JsonPatch.OperationFailed;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a JSON pointer points: the container (object or array) that holds the last reference token, and that token.
 * Tokens are decoded per RFC 6901 ({@code ~1} is {@code /}, {@code ~0} is {@code ~}).
 */
record Location(JsonNode container, String key) {

    /** The parent of the pointer's target, if every token before the last resolves. */
    static Optional<Location> find(ObjectNode document, String pointer) {
        String[] tokens = pointer.split("/", -1);
        if (tokens.length < 2) {
            return Optional.empty();
        }
        JsonNode current = document;
        for (int i = 1; i < tokens.length - 1; i++) {
            current = child(current, decode(tokens[i]));
            if (current == null || !(current.isObject() || current.isArray())) {
                return Optional.empty();
            }
        }
        return Optional.of(new Location(current, decode(tokens[tokens.length - 1])));
    }

    private static JsonNode child(JsonNode container, String token) {
        if (container.isObject()) {
            return container.get(token);
        }
        OptionalInt index = parseIndex(token);
        return index.isPresent() && index.getAsInt() >= 0 && index.getAsInt() < container.size()
                ? container.get(index.getAsInt()) : null;
    }

    private static String decode(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static OptionalInt parseIndex(String token) {
        try {
            return OptionalInt.of(Integer.parseInt(token));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The index into an array container when it names an existing element. */
    OptionalInt arrayIndex() {
        OptionalInt index = parseIndex(key);
        return index.isPresent() && index.getAsInt() >= 0 && index.getAsInt() < container.size()
                ? index : OptionalInt.empty();
    }

    /** The target value, {@code null} when an object has no such member. */
    JsonNode get(String context) throws OperationFailed {
        if (container.isObject()) {
            return container.get(key);
        }
        return container.get(index(container.size() - 1, context));
    }

    void add(JsonNode value, String context) throws OperationFailed {
        if (container instanceof ObjectNode object) {
            object.set(key, value);
            return;
        }
        ArrayNode array = (ArrayNode) container;
        if (key.equals("-")) {
            array.add(value);
            return;
        }
        array.insert(index(array.size(), context), value);
    }

    void remove(String context) throws OperationFailed {
        if (container instanceof ObjectNode object) {
            if (!object.has(key)) {
                throw JsonPatch.missing(context + ": Unable to remove nonexistent key: " + key);
            }
            object.remove(key);
            return;
        }
        ArrayNode array = (ArrayNode) container;
        array.remove(index(array.size() - 1, context));
    }

    /** Replaces the target, which {@link #arrayIndex()} has checked exists for arrays. */
    void set(JsonNode value) {
        if (container instanceof ObjectNode object) {
            object.set(key, value);
        } else {
            ((ArrayNode) container).set(arrayIndex().orElseThrow(), value);
        }
    }

    /**
     * The array index the key names, at most {@code last}; negative indices count from the end
     * ({@code -1} is {@code last}).
     */
    private int index(int last, String context) throws OperationFailed {
        OptionalInt parsed = parseIndex(key);
        if (parsed.isEmpty()) {
            throw new OperationFailed(context + ": strconv.Atoi: parsing \"" + key + "\": invalid syntax");
        }
        int index = parsed.getAsInt();
        if (index > last || index < -(last + 1)) {
            throw new OperationFailed(context + ": Unable to access invalid index: " + index
                    + ": invalid index referenced");
        }
        return index < 0 ? index + last + 1 : index;
    }
}
