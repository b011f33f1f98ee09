package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.Http.Answer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * PATCH through the {@link dev.berth.shim.patch.ObjectPatcher} hook (here the test stand-in merge patcher): the
 * result is written like an update, a resourceVersion in the patch is a precondition, and /status patches only
 * the status.
 */
class PatchPathTest extends StandardShimTest {
    static Answer patch(String path, String body) {
        return http.send("PATCH", path, body, "application/merge-patch+json");
    }

    @Test
    void patchWritesLikeAnUpdate() {
        JsonNode created = http.post("/api/v1/namespaces/default/configmaps",
                "{\"metadata\":{\"name\":\"p1\"},\"data\":{\"a\":\"1\",\"b\":\"2\"}}").json();
        Answer patched = patch("/api/v1/namespaces/default/configmaps/p1", "{\"data\":{\"a\":\"9\",\"b\":null}}");
        assertThat(patched.code()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("data").toString()).isEqualTo("{\"a\":\"9\"}");
        assertThat(patched.json().path("metadata").path("uid")).isEqualTo(created.path("metadata").path("uid"));

        String staleRv = created.path("metadata").path("resourceVersion").stringValue();
        Answer stale = patch("/api/v1/namespaces/default/configmaps/p1",
                "{\"metadata\":{\"resourceVersion\":\"" + staleRv + "\"},\"data\":{\"a\":\"0\"}}");
        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.json().path("reason").stringValue()).isEqualTo("Conflict");

        Answer renamed = patch("/api/v1/namespaces/default/configmaps/p1", "{\"metadata\":{\"name\":\"other\"}}");
        assertThat(renamed.code()).isEqualTo(400);
        assertThat(patch("/api/v1/namespaces/default/configmaps/absent", "{}").code()).isEqualTo(404);
        assertThat(http.send("PATCH", "/api/v1/namespaces/default/configmaps/p1", "[]",
                "application/json-patch+json").code()).isEqualTo(200);
        assertThat(http.send("PATCH", "/api/v1/namespaces/default/configmaps/p1", "a: 1",
                "application/apply-patch+yaml").code()).as("server-side apply is not served").isEqualTo(415);
    }

    @Test
    void statusPatchChangesOnlyTheStatus() {
        http.post("/api/v1/namespaces/default/pods", "{\"metadata\":{\"name\":\"pp\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x:1\"}]}}");
        Answer main = patch("/api/v1/namespaces/default/pods/pp", "{\"status\":{\"phase\":\"Running\"}}");
        assertThat(main.json().path("status").path("phase").stringValue()).isEqualTo("Pending");
        Answer status = patch("/api/v1/namespaces/default/pods/pp/status",
                "{\"spec\":{\"schedulerName\":\"other\"},\"status\":{\"phase\":\"Running\"}}");
        assertThat(status.code()).isEqualTo(200);
        assertThat(status.json().path("status").path("phase").stringValue()).isEqualTo("Running");
        assertThat(status.json().path("spec").path("schedulerName").stringValue()).isEqualTo("default-scheduler");
    }
}
