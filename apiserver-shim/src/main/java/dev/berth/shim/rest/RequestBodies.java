package dev.berth.shim.rest;

import dev.berth.shim.error.ApiException;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import dev.berth.shim.json.Json;

/** Decodes request bodies sent as {@code application/json} or {@code application/yaml} into objects. */
public final class RequestBodies {
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    private RequestBodies() {
    }

    /** The media type of a Content-Type header, lower-cased, without parameters; {@code application/json} if absent. */
    public static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "application/json";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The object in {@code body}; 415 for a media type other than JSON or YAML, 400 for anything but one object. */
    public static ObjectNode decode(String mediaType, byte[] body) {
        ObjectMapper mapper = switch (mediaType) {
            case "application/json" -> Json.MAPPER;
            case "application/yaml" -> YAML;
            default -> throw ApiException.unsupportedMediaType(mediaType);
        };
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body of the request could not be decoded: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("the body of the request must be an object, got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return object;
    }
}
