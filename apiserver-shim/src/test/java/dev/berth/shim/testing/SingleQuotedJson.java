package dev.berth.shim.testing;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Test JSON written with single quotes, so table rows and fixtures stay readable. */
public final class SingleQuotedJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SingleQuotedJson() {
    }

    public static ObjectNode object(String singleQuoted) {
        return (ObjectNode) JSON.readTree(singleQuoted.replace('\'', '"'));
    }

    public static byte[] bytes(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }
}
