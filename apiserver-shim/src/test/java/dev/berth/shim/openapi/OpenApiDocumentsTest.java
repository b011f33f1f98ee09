package dev.berth.shim.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.resource.ResourceCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
