package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.json.Json;
import dev.berth.shim.openapi.gnostic.Document;
import dev.berth.shim.openapi.gnostic.NamedSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The discovery documents and health endpoints as clients read them. */
class DiscoveryTest extends StandardShimTest {
    /**
     * client-go asks /openapi/v2 for gnostic's protobuf; anything else gets the JSON, as from kube-apiserver. The JDK
     * client asks plain http to upgrade to HTTP/2 (h2c); like kube-apiserver, the shim declines and answers in
     * HTTP/1.1 (its h2c answers to large bodies broke the client's frame size limit).
     */
    @Test
    void openApiV2AnswersProtobufOrJsonByAccept() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.url() + "/openapi/v2"))
                .timeout(Duration.ofSeconds(30));

        HttpResponse<byte[]> protobuf = client.send(request.copy().header("Accept",
                "application/com.github.proto-openapi.spec.v2@v1.0+protobuf").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<String> json = client.send(request.copy().header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(protobuf.statusCode()).isEqualTo(200);
        assertThat(protobuf.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        Document document = Document.parseFrom(protobuf.body());
        assertThat(document.getSwagger()).isEqualTo("2.0");
        assertThat(document.getDefinitions().getAdditionalPropertiesList()).extracting(NamedSchema::getName)
                .contains("io.k8s.api.core.v1.Pod", "io.k8s.api.coordination.v1.Lease");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(Json.MAPPER.readTree(json.body()).at("/definitions/io.k8s.api.core.v1.Pod"
                + "/x-kubernetes-group-version-kind/0/kind").stringValue()).isEqualTo("Pod");
    }

    @Test
    void versionAndHealth() {
        JsonNode version = http.get("/version").json();
        assertThat(version.path("gitVersion").stringValue()).isEqualTo("v1.32.0-berth");
        assertThat(version.path("major").stringValue()).isEqualTo("1");
        assertThat(version.path("minor").stringValue()).isEqualTo("32");
        for (String path : new String[] {"/healthz", "/readyz", "/livez"}) {
            assertThat(http.get(path).body()).isEqualTo("ok");
        }
    }

    @Test
    void coreResourcesWithSubresources() {
        assertThat(http.get("/api").json().path("versions").get(0).stringValue()).isEqualTo("v1");
        JsonNode list = http.get("/api/v1").json();
        assertThat(list.path("kind").stringValue()).isEqualTo("APIResourceList");
        assertThat(list.path("groupVersion").stringValue()).isEqualTo("v1");
        JsonNode pods = resource(list, "pods");
        assertThat(pods.path("singularName").stringValue()).isEqualTo("pod");
        assertThat(pods.path("namespaced").asBoolean()).isTrue();
        assertThat(pods.path("kind").stringValue()).isEqualTo("Pod");
        assertThat(pods.path("shortNames").get(0).stringValue()).isEqualTo("po");
        assertThat(pods.path("categories").get(0).stringValue()).isEqualTo("all");
        assertThat(pods.path("verbs").toString()).contains("watch", "deletecollection");
        assertThat(resource(list, "pods/status").path("verbs").toString()).isEqualTo("[\"get\",\"patch\",\"update\"]");
        assertThat(resource(list, "pods/binding").path("kind").stringValue()).isEqualTo("Binding");
        JsonNode eviction = resource(list, "pods/eviction");
        assertThat(eviction.path("group").stringValue()).isEqualTo("policy");
        assertThat(eviction.path("kind").stringValue()).isEqualTo("Eviction");
        assertThat(resource(list, "nodes").path("namespaced").asBoolean()).isFalse();
    }

    @Test
    void groupsAndTheirResources() {
        JsonNode groups = http.get("/apis").json();
        assertThat(groups.path("kind").stringValue()).isEqualTo("APIGroupList");
        assertThat(groups.toString()).contains("coordination.k8s.io/v1", "policy/v1", "scheduling.x-k8s.io/v1alpha1");
        JsonNode group = http.get("/apis/coordination.k8s.io").json();
        assertThat(group.path("preferredVersion").path("version").stringValue()).isEqualTo("v1");
        JsonNode leases = resource(http.get("/apis/coordination.k8s.io/v1").json(), "leases");
        assertThat(leases.path("kind").stringValue()).isEqualTo("Lease");
        assertThat(http.get("/apis/example.com").code()).isEqualTo(404);
        assertThat(http.get("/apis/coordination.k8s.io/v9").code()).isEqualTo(404);
    }

    private static JsonNode resource(JsonNode list, String name) {
        for (JsonNode resource : list.path("resources")) {
            if (resource.path("name").stringValue().equals(name)) {
                return resource;
            }
        }
        throw new AssertionError("no resource " + name + " in " + list);
    }
}
