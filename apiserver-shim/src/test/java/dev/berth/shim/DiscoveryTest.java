package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The discovery documents and health endpoints as clients read them. */
class DiscoveryTest {
    @TempDir
    static Path dir;
    static ShimFixture fixture;
    static Http http;

    @BeforeAll
    static void start() throws IOException {
        fixture = ShimFixture.start(dir);
        http = new Http(fixture.url());
    }

    @AfterAll
    static void stop() {
        fixture.close();
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
