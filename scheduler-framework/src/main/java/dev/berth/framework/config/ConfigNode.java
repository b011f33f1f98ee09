package dev.berth.framework.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A node of the parsed YAML tree together with its path from the root, so that every type error
 * names the field it is about. A missing field and an explicit {@code null} are both "absent": the
 * field takes its default.
 */
record ConfigNode(JsonNode node, String path) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The root of a document. */
    static ConfigNode root(JsonNode node) {
        return new ConfigNode(node, "");
    }

    /** A root with no content: every field absent. */
    static ConfigNode absentRoot() {
        return root(MissingNode.getInstance());
    }

    boolean isAbsent() {
        return node.isMissingNode() || node.isNull();
    }

    /** The field {@code name} of this mapping (absent if this node is absent). */
    ConfigNode field(String name) {
        return new ConfigNode(isAbsent() ? MissingNode.getInstance() : node.path(name),
                path.isEmpty() ? name : path + "." + name);
    }

    /**
     * Checks that this node is a mapping whose fields are all in {@code allowed}.
     *
     * @throws ConfigException for a node of another type, or at the first unknown field
     */
    void requireFields(Set<String> allowed) {
        if (isAbsent()) {
            return;
        }
        if (!node.isObject()) {
            throw error("must be a mapping");
        }
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw field(name).error("unknown field");
            }
        }
    }

    /** The elements of this sequence, each with its index in the path; none if absent. */
    List<ConfigNode> elements() {
        if (isAbsent()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("must be a list");
        }
        List<ConfigNode> elements = new ArrayList<>();
        for (JsonNode element : node.values()) {
            elements.add(new ConfigNode(element, path + "[" + elements.size() + "]"));
        }
        return elements;
    }

    String stringOr(String fallback) {
        if (isAbsent()) {
            return fallback;
        }
        if (!node.isString()) {
            throw error("must be a string");
        }
        return node.stringValue();
    }

    /** This string, which must be present and not empty. */
    String requiredString() {
        String value = stringOr("");
        if (value.isEmpty()) {
            throw error("required");
        }
        return value;
    }

    /** This integer, or {@code fallback} (which may be {@code null}) if absent. */
    Integer intOr(Integer fallback) {
        if (isAbsent()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error("must be an integer");
        }
        return node.intValue();
    }

    boolean booleanOr(boolean fallback) {
        if (isAbsent()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw error("must be true or false");
        }
        return node.booleanValue();
    }

    /** This Go duration string (such as {@code "15s"}), or {@code fallback} if absent. */
    Duration durationOr(Duration fallback) {
        if (isAbsent()) {
            return fallback;
        }
        if (!node.isString()) {
            throw error("must be a duration string such as \"15s\"");
        }
        try {
            return GoDuration.parse(node.stringValue());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    /** This mapping as plain Java values (maps, lists, strings, numbers, booleans); empty if absent. */
    @SuppressWarnings("unchecked")
    Map<String, Object> asMap() {
        if (isAbsent()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw error("must be a mapping");
        }
        return MAPPER.convertValue(node, Map.class);
    }

    /** An error about this node. */
    ConfigException error(String reason) {
        return new ConfigException(path, reason);
    }
}
