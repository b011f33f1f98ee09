package dev.berth.shim.patch;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Test JSON written with single quotes, so table rows stay readable. */
final class PatchJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PatchJson() {
    }

    static ObjectNode object(String singleQuoted) {
        return (ObjectNode) JSON.readTree(singleQuoted.replace('\'', '"'));
    }

    static byte[] bytes(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }
}
