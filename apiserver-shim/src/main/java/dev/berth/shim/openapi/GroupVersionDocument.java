package dev.berth.shim.openapi;

import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.resource.ResourceType.Subresource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 document of one group version, as kube-apiserver serves it at {@code /openapi/v3/apis/<g>/<v>}:
 * the paths of its resources with their operations, each marked with {@code x-kubernetes-action} and
 * {@code x-kubernetes-group-version-kind}, and the schemas of its kinds.
 *
 * <p>PATCH request bodies list JSON patch and merge patch only, not strategic merge patch: kubectl then computes
 * the patches of {@code kubectl apply} from its compiled-in Go struct tags, the authority on patch strategies,
 * instead of from these generated schemas, which carry no {@code x-kubernetes-patch-strategy}.
 */
final class GroupVersionDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PATCH_SCHEMA = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    private final ModelClasses classes;
    private final Schemas schemas = new Schemas(Schemas.Rendering.OPENAPI_V3);
    private final KindSchemas kinds;
    private final ObjectNode paths = NODES.objectNode();
    private final String groupVersionName;

    private GroupVersionDocument(ModelClasses classes, String group, String version) {
        this.classes = classes;
        this.kinds = new KindSchemas(classes, schemas);
        this.groupVersionName = camel(group) + camel(version);
    }

    static ObjectNode build(ModelClasses classes, String group, String version, List<ResourceType> types) {
        GroupVersionDocument document = new GroupVersionDocument(classes, group, version);
        ObjectNode patch = NODES.objectNode().put("type", "object").put("description",
                "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.");
        document.schemas.put(PATCH_SCHEMA, patch);
        types.forEach(document::addResource);
        ObjectNode root = NODES.objectNode();
        root.put("openapi", "3.0.0");
        root.putObject("info").put("title", "Kubernetes").put("version", "unversioned");
        root.set("paths", document.paths);
        root.putObject("components").set("schemas", document.schemas.named());
        return root;
    }

    private void addResource(ResourceType type) {
        Gvk gvk = new Gvk(type.group(), type.version(), type.kind());
        String kindSchema = kinds.kind(type);
        String listSchema = kinds.list(type, kindSchema);
        String scope = type.namespaced() ? "Namespaced" : "";
        String collectionPath = type.groupVersionPath() + (type.namespaced() ? "/namespaces/{namespace}/" : "/")
                + type.resource();
        String itemPath = collectionPath + "/{name}";
        String kindName = scope + type.kind();

        ObjectNode collection = pathItem(collectionPath, type.namespaced(), false);
        collection.set("get", operation("list", "list" + groupVersionName + kindName, gvk, listSchema, null,
                listParameters()));
        collection.set("post", operation("post", "create" + groupVersionName + kindName, gvk, kindSchema,
                jsonBody(kindSchema), writeParameters(false)));
        collection.set("delete", operation("deletecollection", "delete" + groupVersionName + "Collection" + kindName,
                gvk, "io.k8s.apimachinery.pkg.apis.meta.v1.Status", null, List.of(Parameters.DRY_RUN)));

        ObjectNode item = pathItem(itemPath, type.namespaced(), true);
        item.set("get", operation("get", "read" + groupVersionName + kindName, gvk, kindSchema, null, List.of()));
        item.set("put", operation("put", "replace" + groupVersionName + kindName, gvk, kindSchema,
                jsonBody(kindSchema), writeParameters(false)));
        item.set("patch", operation("patch", "patch" + groupVersionName + kindName, gvk, kindSchema, patchBody(),
                writeParameters(true)));
        item.set("delete", operation("delete", "delete" + groupVersionName + kindName, gvk,
                "io.k8s.apimachinery.pkg.apis.meta.v1.Status", null, List.of(Parameters.DRY_RUN)));

        if (type.namespaced()) {
            ObjectNode allNamespaces = pathItem(type.groupVersionPath() + "/" + type.resource(), false, false);
            allNamespaces.set("get", operation("list", "list" + groupVersionName + type.kind() + "ForAllNamespaces",
                    gvk, listSchema, null, listParameters()));
        }
        if (type.has(Subresource.STATUS)) {
            ObjectNode status = pathItem(itemPath + "/status", type.namespaced(), true);
            String suffix = kindName + "Status";
            status.set("get", operation("get", "read" + groupVersionName + suffix, gvk, kindSchema, null, List.of()));
            status.set("put", operation("put", "replace" + groupVersionName + suffix, gvk, kindSchema,
                    jsonBody(kindSchema), writeParameters(false)));
            status.set("patch", operation("patch", "patch" + groupVersionName + suffix, gvk, kindSchema, patchBody(),
                    writeParameters(true)));
        }
        if (type.has(Subresource.BINDING)) {
            addCreateSubresource(itemPath + "/binding", type, "v1", "Binding", kindName + "Binding");
        }
        if (type.has(Subresource.EVICTION)) {
            addCreateSubresource(itemPath + "/eviction", type, "policy/v1", "Eviction", kindName + "Eviction");
        }
    }

    /** A POST-only subresource whose body is another kind (pods/binding takes a Binding). */
    private void addCreateSubresource(String path, ResourceType type, String apiVersion, String kind,
                                      String operationSuffix) {
        classes.forKind(apiVersion, kind).ifPresent(c -> {
            String[] gv = apiVersion.contains("/") ? apiVersion.split("/", 2) : new String[] {"", apiVersion};
            Gvk gvk = new Gvk(gv[0], gv[1], kind);
            String schema = kinds.bodyKind(c, gvk.group(), gvk.version(), gvk.kind());
            pathItem(path, type.namespaced(), true).set("post", operation("post",
                    "create" + groupVersionName + operationSuffix, gvk, schema, jsonBody(schema),
                    writeParameters(false)));
        });
    }

    private ObjectNode pathItem(String path, boolean namespaced, boolean named) {
        ObjectNode item = paths.putObject(path);
        ArrayNode parameters = item.putArray("parameters");
        if (named) {
            parameters.add(Parameters.NAME);
        }
        if (namespaced) {
            parameters.add(Parameters.NAMESPACE);
        }
        parameters.add(Parameters.PRETTY);
        return item;
    }

    private ObjectNode operation(String action, String operationId, Gvk gvk, String responseSchema,
                                 ObjectNode requestBody, List<ObjectNode> parameters) {
        ObjectNode operation = NODES.objectNode();
        operation.putArray("tags").add(groupVersionName.toLowerCase(Locale.ROOT));
        operation.put("operationId", operationId);
        if (!parameters.isEmpty()) {
            ArrayNode list = operation.putArray("parameters");
            parameters.forEach(list::add);
        }
        if (requestBody != null) {
            operation.set("requestBody", requestBody);
        }
        ObjectNode responses = operation.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", "OK");
        ObjectNode content = ok.putObject("content");
        for (String mediaType : List.of("application/json", "application/yaml")) {
            content.putObject(mediaType).set("schema", schemas.ref(responseSchema));
        }
        responses.putObject("401").put("description", "Unauthorized");
        operation.put("x-kubernetes-action", action);
        operation.putObject("x-kubernetes-group-version-kind").put("group", gvk.group()).put("kind", gvk.kind())
                .put("version", gvk.version());
        return operation;
    }

    private ObjectNode jsonBody(String schema) {
        ObjectNode body = NODES.objectNode();
        ObjectNode content = body.putObject("content");
        for (String mediaType : List.of("application/json", "application/yaml")) {
            content.putObject(mediaType).set("schema", schemas.ref(schema));
        }
        body.put("required", true);
        return body;
    }

    private ObjectNode patchBody() {
        ObjectNode body = NODES.objectNode();
        ObjectNode content = body.putObject("content");
        for (String mediaType : List.of("application/json-patch+json", "application/merge-patch+json")) {
            content.putObject(mediaType).set("schema", schemas.ref(PATCH_SCHEMA));
        }
        body.put("required", true);
        return body;
    }

    private static List<ObjectNode> writeParameters(boolean patch) {
        List<ObjectNode> parameters = new ArrayList<>(List.of(Parameters.DRY_RUN, Parameters.FIELD_MANAGER,
                Parameters.FIELD_VALIDATION));
        if (patch) {
            parameters.add(Parameters.FORCE);
        }
        return parameters;
    }

    private static List<ObjectNode> listParameters() {
        return List.of(Parameters.ALLOW_WATCH_BOOKMARKS, Parameters.CONTINUE, Parameters.FIELD_SELECTOR,
                Parameters.LABEL_SELECTOR, Parameters.LIMIT, Parameters.RESOURCE_VERSION, Parameters.TIMEOUT_SECONDS,
                Parameters.WATCH);
    }

    /** {@code CoreV1}, {@code AppsV1}, {@code RbacAuthorizationV1}, {@code SchedulingXK8sIoV1alpha1}. */
    private static String camel(String groupOrVersion) {
        if (groupOrVersion.isEmpty()) {
            return "Core";
        }
        StringBuilder out = new StringBuilder();
        for (String word : groupOrVersion.replaceFirst("\\.k8s\\.io$", "").split("[.-]")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }

    private record Gvk(String group, String version, String kind) {
    }
}
