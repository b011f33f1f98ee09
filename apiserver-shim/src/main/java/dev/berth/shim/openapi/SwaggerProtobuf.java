package dev.berth.shim.openapi;

import dev.berth.shim.openapi.gnostic.AdditionalPropertiesItem;
import dev.berth.shim.openapi.gnostic.Any;
import dev.berth.shim.openapi.gnostic.Definitions;
import dev.berth.shim.openapi.gnostic.Document;
import dev.berth.shim.openapi.gnostic.Info;
import dev.berth.shim.openapi.gnostic.ItemsItem;
import dev.berth.shim.openapi.gnostic.NamedAny;
import dev.berth.shim.openapi.gnostic.NamedSchema;
import dev.berth.shim.openapi.gnostic.Paths;
import dev.berth.shim.openapi.gnostic.Properties;
import dev.berth.shim.openapi.gnostic.Schema;
import dev.berth.shim.openapi.gnostic.TypeItem;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The protobuf form of {@link SwaggerDocument} that client-go asks for ({@code Accept:
 * application/com.github.proto-openapi.spec.v2@v1.0+protobuf}): gnostic's {@code openapi.v2.Document}. Vendor
 * extensions carry their value as YAML, which kube-openapi parses; JSON text is YAML, so they travel as JSON.
 */
final class SwaggerProtobuf {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SwaggerProtobuf() {
    }

    static byte[] encode(JsonNode swagger) {
        Definitions.Builder definitions = Definitions.newBuilder();
        for (Map.Entry<String, JsonNode> definition : swagger.get("definitions").properties()) {
            definitions.addAdditionalProperties(named(definition));
        }
        JsonNode info = swagger.get("info");
        return Document.newBuilder()
                .setSwagger(swagger.get("swagger").stringValue())
                .setInfo(Info.newBuilder().setTitle(info.get("title").stringValue())
                        .setVersion(info.get("version").stringValue()))
                .setPaths(Paths.getDefaultInstance())
                .setDefinitions(definitions)
                .build().toByteArray();
    }

    private static NamedSchema named(Map.Entry<String, JsonNode> entry) {
        return NamedSchema.newBuilder().setName(entry.getKey()).setValue(schema(entry.getValue())).build();
    }

    /** One JSON schema as a gnostic Schema; a keyword this encoder does not know is a bug, not something to drop. */
    private static Schema schema(JsonNode json) {
        Schema.Builder schema = Schema.newBuilder();
        for (Map.Entry<String, JsonNode> keyword : json.properties()) {
            JsonNode value = keyword.getValue();
            switch (keyword.getKey()) {
                case "$ref" -> schema.setRef(value.stringValue());
                case "type" -> schema.setType(TypeItem.newBuilder().addValue(value.stringValue()));
                case "format" -> schema.setFormat(value.stringValue());
                case "description" -> schema.setDescription(value.stringValue());
                case "required" -> value.forEach(field -> schema.addRequired(field.stringValue()));
                case "items" -> schema.setItems(ItemsItem.newBuilder().addSchema(schema(value)));
                case "additionalProperties" -> schema.setAdditionalProperties(value.isBoolean()
                        ? AdditionalPropertiesItem.newBuilder().setBoolean(value.booleanValue())
                        : AdditionalPropertiesItem.newBuilder().setSchema(schema(value)));
                case "properties" -> {
                    // Set even when empty: kube-openapi tells an object with properties from a map by its presence.
                    Properties.Builder properties = Properties.newBuilder();
                    for (Map.Entry<String, JsonNode> property : value.properties()) {
                        properties.addAdditionalProperties(named(property));
                    }
                    schema.setProperties(properties);
                }
                default -> {
                    if (!keyword.getKey().startsWith("x-")) {
                        throw new IllegalArgumentException("no protobuf field for schema keyword " + keyword.getKey());
                    }
                    schema.addVendorExtension(NamedAny.newBuilder().setName(keyword.getKey())
                            .setValue(Any.newBuilder().setYaml(JSON.writeValueAsString(value))));
                }
            }
        }
        return schema.build();
    }
}
