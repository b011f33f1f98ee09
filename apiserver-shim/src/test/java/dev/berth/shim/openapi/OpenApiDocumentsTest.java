package dev.berth.shim.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.shim.openapi.gnostic.Document;
import dev.berth.shim.openapi.gnostic.NamedAny;
import dev.berth.shim.openapi.gnostic.NamedSchema;
import dev.berth.shim.openapi.gnostic.Schema;
import dev.berth.shim.resource.ResourceCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenApiDocumentsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final OpenApiDocuments DOCUMENTS = new OpenApiDocuments(ResourceCatalog.standard());

    private static JsonNode document(String path) {
        return JSON.readTree(DOCUMENTS.v3Document(path).orElseThrow());
    }

    @Test
    void indexLinksEveryGroupVersionWithItsHash() {
        JsonNode index = JSON.readTree(DOCUMENTS.v3Index());

        List<String> paths = new ArrayList<>(index.get("paths").propertyNames());
        assertThat(paths).containsExactly("api/v1", "apis/apps/v1", "apis/coordination.k8s.io/v1",
                "apis/events.k8s.io/v1", "apis/policy/v1", "apis/rbac.authorization.k8s.io/v1",
                "apis/scheduling.k8s.io/v1", "apis/storage.k8s.io/v1", "apis/scheduling.x-k8s.io/v1alpha1");
        for (String path : paths) {
            String hash = DOCUMENTS.v3Hash(path).orElseThrow();
            assertThat(hash).matches("[0-9A-F]{128}");
            assertThat(index.get("paths").get(path).get("serverRelativeURL").stringValue())
                    .isEqualTo("/openapi/v3/" + path + "?hash=" + hash);
        }
        assertThat(DOCUMENTS.v3Document("apis/unknown/v1")).isEmpty();
    }

    @Test
    void patchOperationsCarryTheKindAndTheFieldValidationParameterKubectlLooksFor() {
        JsonNode patch = document("api/v1").get("paths").get("/api/v1/namespaces/{namespace}/pods/{name}")
                .get("patch");

        assertThat(patch.get("x-kubernetes-action").stringValue()).isEqualTo("patch");
        assertThat(patch.get("x-kubernetes-group-version-kind")).isEqualTo(JSON.readTree(
                "{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}"));
        assertThat(patch.get("operationId").stringValue()).isEqualTo("patchCoreV1NamespacedPod");
        List<String> parameters = new ArrayList<>();
        patch.get("parameters").forEach(p -> parameters.add(p.get("in").stringValue() + ":"
                + p.get("name").stringValue()));
        assertThat(parameters).contains("query:fieldValidation", "query:dryRun", "query:fieldManager");
        assertThat(patch.get("requestBody").get("content").propertyNames())
                .containsExactly("application/json-patch+json", "application/merge-patch+json");
    }

    @Test
    void pathsCoverCollectionsItemsAllNamespacesAndSubresources() {
        List<String> corePaths = new ArrayList<>(document("api/v1").get("paths").propertyNames());
        assertThat(corePaths).contains("/api/v1/namespaces/{namespace}/pods", "/api/v1/pods",
                "/api/v1/namespaces/{namespace}/pods/{name}/status",
                "/api/v1/namespaces/{namespace}/pods/{name}/binding",
                "/api/v1/namespaces/{namespace}/pods/{name}/eviction", "/api/v1/nodes/{name}/status",
                "/api/v1/namespaces/{name}");
        assertThat(corePaths).doesNotContain("/api/v1/namespaces/{namespace}/nodes");

        JsonNode leases = document("apis/coordination.k8s.io/v1").get("paths");
        assertThat(leases.get("/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases").get("get")
                .get("operationId").stringValue()).isEqualTo("listCoordinationV1NamespacedLease");
        assertThat(document("apis/rbac.authorization.k8s.io/v1").get("paths")
                .get("/apis/rbac.authorization.k8s.io/v1/clusterroles/{name}").get("put").get("operationId")
                .stringValue()).isEqualTo("replaceRbacAuthorizationV1ClusterRole");
    }

    @Test
    void kindSchemasAreGeneratedFromTheModelWithUpstreamNames() {
        JsonNode schemas = document("api/v1").get("components").get("schemas");

        JsonNode pod = schemas.get("io.k8s.api.core.v1.Pod");
        assertThat(pod.get("x-kubernetes-group-version-kind")).isEqualTo(JSON.readTree(
                "[{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}]"));
        assertThat(pod.get("properties").get("spec").get("$ref").stringValue())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.PodSpec");
        assertThat(pod.get("properties").get("metadata").get("$ref").stringValue())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        JsonNode containers = schemas.get("io.k8s.api.core.v1.PodSpec").get("properties").get("containers");
        assertThat(containers.get("type").stringValue()).isEqualTo("array");
        assertThat(containers.get("items").get("$ref").stringValue())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Container");
        JsonNode labels = schemas.get("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").get("properties")
                .get("labels");
        assertThat(labels.get("additionalProperties").get("type").stringValue()).isEqualTo("string");
        assertThat(schemas.get("io.k8s.api.core.v1.ResourceRequirements").get("properties").get("limits")
                .get("additionalProperties").get("$ref").stringValue())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity");
        assertThat(schemas.get("io.k8s.api.core.v1.PodList").get("x-kubernetes-group-version-kind").get(0)
                .get("kind").stringValue()).isEqualTo("PodList");
        assertThat(schemas.get("io.k8s.api.core.v1.Binding").get("x-kubernetes-group-version-kind").get(0)
                .get("kind").stringValue()).isEqualTo("Binding");

        JsonNode deployments = document("apis/apps/v1").get("components").get("schemas");
        assertThat(deployments.get("io.k8s.api.apps.v1.Deployment").get("properties").get("spec").get("$ref")
                .stringValue()).isEqualTo("#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec");
        assertThat(deployments.has("io.k8s.api.core.v1.PodTemplateSpec")).isTrue();
    }

    @Test
    void customResourcesWithoutModelClassesGetOpenSchemas() {
        JsonNode schemas = document("apis/scheduling.x-k8s.io/v1alpha1").get("components").get("schemas");

        JsonNode podGroup = schemas.get("scheduling.x-k8s.io.v1alpha1.PodGroup");
        assertThat(podGroup.get("x-kubernetes-preserve-unknown-fields").booleanValue()).isTrue();
        assertThat(podGroup.get("x-kubernetes-group-version-kind").get(0).get("group").stringValue())
                .isEqualTo("scheduling.x-k8s.io");
        assertThat(schemas.get("scheduling.x-k8s.io.v1alpha1.PodGroupList").get("properties").get("items")
                .get("items").get("$ref").stringValue())
                .isEqualTo("#/components/schemas/scheduling.x-k8s.io.v1alpha1.PodGroup");
    }

    private static JsonNode v2Definitions() {
        return JSON.readTree(DOCUMENTS.v2Json()).get("definitions");
    }

    private static Map<String, Schema> v2ProtobufDefinitions() throws InvalidProtocolBufferException {
        return Document.parseFrom(DOCUMENTS.v2Protobuf()).getDefinitions().getAdditionalPropertiesList().stream()
                .collect(Collectors.toMap(NamedSchema::getName, NamedSchema::getValue));
    }

    private static String extension(Schema schema, String name) {
        return schema.getVendorExtensionList().stream().filter(e -> e.getName().equals(name)).findFirst()
                .map(e -> e.getValue().getYaml()).orElse("");
    }

    @Test
    void v2DefinesEveryKindWithUpstreamNamesAndDefinitionRefs() {
        JsonNode swagger = JSON.readTree(DOCUMENTS.v2Json());
        JsonNode definitions = swagger.get("definitions");

        assertThat(swagger.get("swagger").stringValue()).isEqualTo("2.0");
        assertThat(definitions.get("io.k8s.api.core.v1.Pod").get("x-kubernetes-group-version-kind")).isEqualTo(
                JSON.readTree("[{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}]"));
        assertThat(definitions.get("io.k8s.api.apps.v1.Deployment").get("x-kubernetes-group-version-kind").get(0)
                .get("group").stringValue()).isEqualTo("apps");
        assertThat(definitions.get("io.k8s.api.core.v1.Pod").get("properties").get("spec").get("$ref").stringValue())
                .isEqualTo("#/definitions/io.k8s.api.core.v1.PodSpec");
        assertThat(definitions.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString").get("type").stringValue())
                .isEqualTo("string");
        assertThat(definitions.findValues("oneOf")).isEmpty();
        for (JsonNode ref : definitions.findValues("$ref")) {
            assertThat(definitions.has(ref.stringValue().substring("#/definitions/".length()))).as(ref.stringValue())
                    .isTrue();
        }
        for (String kind : List.of("io.k8s.api.core.v1.Node", "io.k8s.api.coordination.v1.Lease",
                "io.k8s.api.policy.v1.PodDisruptionBudget", "io.k8s.api.core.v1.PodList")) {
            assertThat(definitions.get(kind).has("x-kubernetes-group-version-kind")).as(kind).isTrue();
        }
    }

    /** The Go structs' patch tags, which kubectl apply computes its patch from; tolerations carry none upstream. */
    @ParameterizedTest
    @CsvSource({
            "io.k8s.api.core.v1.PodSpec, containers, merge, name",
            "io.k8s.api.core.v1.Container, env, merge, name",
            "io.k8s.api.core.v1.Container, ports, merge, containerPort",
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta, finalizers, merge, ''",
            "io.k8s.api.core.v1.NodeStatus, addresses, merge, type",
            "io.k8s.api.apps.v1.DeploymentStatus, conditions, merge, type",
            "io.k8s.api.core.v1.PodSpec, tolerations, '', ''",
            "io.k8s.api.core.v1.PodSpec, nodeSelector, '', ''"})
    void bothVersionsCarryThePatchTags(String definition, String property, String strategy, String mergeKey)
            throws InvalidProtocolBufferException {
        JsonNode v2 = v2Definitions().get(definition).get("properties").get(property);
        String group = definition.contains(".apps.") ? "apis/apps/v1" : "api/v1";
        JsonNode v3 = document(group).get("components").get("schemas").get(definition).get("properties").get(property);
        Schema protobuf = v2ProtobufDefinitions().get(definition).getProperties().getAdditionalPropertiesList()
                .stream().filter(p -> p.getName().equals(property)).findFirst().orElseThrow().getValue();

        for (JsonNode schema : List.of(v2, v3)) {
            assertThat(schema.path("x-kubernetes-patch-strategy").asString("")).isEqualTo(strategy);
            assertThat(schema.path("x-kubernetes-patch-merge-key").asString("")).isEqualTo(mergeKey);
        }
        assertThat(extension(protobuf, "x-kubernetes-patch-strategy"))
                .isEqualTo(strategy.isEmpty() ? "" : "\"" + strategy + "\"");
    }

    @Test
    void v2ProtobufCarriesTheJsonDocument() throws InvalidProtocolBufferException {
        JsonNode json = v2Definitions();
        Map<String, Schema> protobuf = v2ProtobufDefinitions();

        assertThat(protobuf.keySet()).containsExactlyInAnyOrderElementsOf(json.propertyNames());
        Schema pod = protobuf.get("io.k8s.api.core.v1.Pod");
        assertThat(pod.getType().getValueList()).containsExactly("object");
        assertThat(JSON.readTree(extension(pod, "x-kubernetes-group-version-kind")))
                .isEqualTo(json.get("io.k8s.api.core.v1.Pod").get("x-kubernetes-group-version-kind"));
        Map<String, Schema> podProperties = pod.getProperties().getAdditionalPropertiesList().stream()
                .collect(Collectors.toMap(NamedSchema::getName, NamedSchema::getValue));
        assertThat(podProperties.get("spec").getRef()).isEqualTo("#/definitions/io.k8s.api.core.v1.PodSpec");
        Schema containers = protobuf.get("io.k8s.api.core.v1.PodSpec").getProperties().getAdditionalPropertiesList()
                .stream().filter(p -> p.getName().equals("containers")).findFirst().orElseThrow().getValue();
        assertThat(containers.getType().getValueList()).containsExactly("array");
        assertThat(containers.getItems().getSchema(0).getRef()).isEqualTo("#/definitions/io.k8s.api.core.v1.Container");
        Schema labels = protobuf.get("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").getProperties()
                .getAdditionalPropertiesList().stream().filter(p -> p.getName().equals("labels")).findFirst()
                .orElseThrow().getValue();
        assertThat(labels.getAdditionalProperties().getSchema().getType().getValueList()).containsExactly("string");
        // kube-openapi tells a struct from a map by whether properties are present, so every struct's are.
        Map<Boolean, Long> withProperties = json.properties().stream().collect(Collectors.partitioningBy(
                e -> e.getValue().has("properties"), Collectors.counting()));
        assertThat(protobuf.values().stream().filter(Schema::hasProperties).count())
                .isEqualTo(withProperties.get(true));
    }

    @Test
    void customResourcesAreFreeFormInV2AndListTheirPropertiesInV3() throws InvalidProtocolBufferException {
        JsonNode v2 = v2Definitions().get("scheduling.x-k8s.io.v1alpha1.PodGroup");
        JsonNode v3 = document("apis/scheduling.x-k8s.io/v1alpha1").get("components").get("schemas")
                .get("scheduling.x-k8s.io.v1alpha1.PodGroup");

        assertThat(v2.get("x-kubernetes-preserve-unknown-fields").booleanValue()).isTrue();
        assertThat(v2.has("properties")).isFalse();
        assertThat(v2.get("x-kubernetes-group-version-kind").get(0).get("kind").stringValue()).isEqualTo("PodGroup");
        assertThat(v2ProtobufDefinitions().get("scheduling.x-k8s.io.v1alpha1.PodGroup").hasProperties()).isFalse();
        assertThat(v3.get("properties").propertyNames()).containsExactly("apiVersion", "kind", "metadata");
    }
}
