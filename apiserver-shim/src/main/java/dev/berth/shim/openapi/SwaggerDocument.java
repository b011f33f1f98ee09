package dev.berth.shim.openapi;

import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v2 (Swagger 2.0) document kube-apiserver serves at {@code /openapi/v2}, with the definitions of every
 * kind served, each marked with {@code x-kubernetes-group-version-kind}. kubectl 1.20 reads only the definitions (to
 * validate manifests, to explain fields and to compute {@code apply}'s patches), so {@code paths} is left empty.
 */
final class SwaggerDocument {

    private SwaggerDocument() {
    }

    static ObjectNode build(ModelClasses classes, ResourceCatalog catalog) {
        Schemas schemas = new Schemas(Schemas.Rendering.SWAGGER_V2);
        KindSchemas kinds = new KindSchemas(classes, schemas);
        for (ResourceType type : catalog.all()) {
            kinds.list(type, kinds.kind(type));
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("swagger", "2.0");
        root.putObject("info").put("title", "Kubernetes").put("version", "unversioned");
        root.putObject("paths");
        root.set("definitions", schemas.named());
        return root;
    }
}
