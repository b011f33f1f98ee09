package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.Http.Answer;
import org.junit.jupiter.api.Test;

/**
 * {@code dryRun=All} (kubectl's {@code --dry-run=server} and {@code kubectl diff}): every check runs and the answer is
 * what the write would give, but nothing is stored; the errors are the real write's.
 */
class DryRunTest extends StandardShimTest {
    private static final String CONFIG_MAPS = "/api/v1/namespaces/default/configmaps";

    @Test
    void aDryRunCreateAnswersTheObjectAndStoresNothing() {
        Answer created = http.post(CONFIG_MAPS + "?dryRun=All", "{\"metadata\":{\"name\":\"dry\"},\"data\":{\"k\":\"v\"}}");

        assertThat(created.code()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/metadata/name").stringValue()).isEqualTo("dry");
        assertThat(created.json().at("/metadata/uid").stringValue()).isNotEmpty();
        assertThat(created.json().at("/metadata/creationTimestamp").stringValue()).isNotEmpty();
        assertThat(created.json().at("/metadata/resourceVersion").isMissingNode()).isTrue();
        assertThat(http.get(CONFIG_MAPS + "/dry").code()).isEqualTo(404);
    }

    @Test
    void aDryRunCreateStillRefusesWhatTheWriteWould() {
        assertThat(http.post(CONFIG_MAPS, "{\"metadata\":{\"name\":\"taken\"}}").code()).isEqualTo(201);

        assertThat(http.post(CONFIG_MAPS + "?dryRun=All", "{\"metadata\":{\"name\":\"taken\"}}").code()).isEqualTo(409);
        assertThat(http.post(CONFIG_MAPS + "?dryRun=All", "{\"metadata\":{\"name\":\"Bad_Name\"}}").code()).isEqualTo(422);
        assertThat(http.post("/api/v1/namespaces/nowhere/configmaps?dryRun=All", "{\"metadata\":{\"name\":\"x\"}}").code())
                .isEqualTo(404);
    }

    @Test
    void dryRunUpdatesAndPatchesAnswerTheResultAndLeaveTheObject() {
        Answer stored = http.post(CONFIG_MAPS, "{\"metadata\":{\"name\":\"kept\"},\"data\":{\"k\":\"old\"}}");
        String version = stored.json().at("/metadata/resourceVersion").stringValue();

        Answer updated = http.put(CONFIG_MAPS + "/kept?dryRun=All", "{\"metadata\":{\"name\":\"kept\"},\"data\":{\"k\":\"put\"}}");
        Answer patched = http.send("PATCH", CONFIG_MAPS + "/kept?dryRun=All", "{\"data\":{\"k\":\"patched\"}}",
                "application/merge-patch+json");
        Answer stale = http.put(CONFIG_MAPS + "/kept?dryRun=All",
                "{\"metadata\":{\"name\":\"kept\",\"resourceVersion\":\"1\"},\"data\":{\"k\":\"put\"}}");

        assertThat(updated.code()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().at("/data/k").stringValue()).isEqualTo("put");
        assertThat(patched.code()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().at("/data/k").stringValue()).isEqualTo("patched");
        assertThat(patched.json().at("/metadata/resourceVersion").stringValue()).isEqualTo(version);
        assertThat(stale.code()).isEqualTo(409);
        Answer now = http.get(CONFIG_MAPS + "/kept");
        assertThat(now.json().at("/data/k").stringValue()).isEqualTo("old");
        assertThat(now.json().at("/metadata/resourceVersion").stringValue()).isEqualTo(version);
    }

    @Test
    void aDryRunDeleteAnswersAndDeletesNothing() {
        http.post(CONFIG_MAPS, "{\"metadata\":{\"name\":\"doomed\"}}");
        http.post("/api/v1/namespaces/default/pods", """
                {"metadata":{"name":"graceful"},"spec":{"nodeName":"n1","containers":[{"name":"c","image":"pause"}]}}""");

        Answer deleted = http.delete(CONFIG_MAPS + "/doomed?dryRun=All", null);
        Answer pod = http.delete("/api/v1/namespaces/default/pods/graceful?dryRun=All", null);

        assertThat(deleted.code()).as(deleted.body()).isEqualTo(200);
        assertThat(http.get(CONFIG_MAPS + "/doomed").code()).isEqualTo(200);
        assertThat(pod.code()).as(pod.body()).isEqualTo(202);
        assertThat(pod.json().at("/metadata/deletionTimestamp").stringValue()).isNotEmpty();
        assertThat(http.get("/api/v1/namespaces/default/pods/graceful").json().at("/metadata/deletionTimestamp")
                .isMissingNode()).isTrue();
        assertThat(http.delete(CONFIG_MAPS + "/absent?dryRun=All", null).code()).isEqualTo(404);
    }

    @Test
    void aDryRunNamespaceDeleteAnswersItTerminatingAndLeavesItActive() {
        http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"kept-ns\"}}");

        Answer deleted = http.delete("/api/v1/namespaces/kept-ns?dryRun=All", null);

        assertThat(deleted.code()).as(deleted.body()).isEqualTo(202);
        assertThat(deleted.json().at("/status/phase").stringValue()).isEqualTo("Terminating");
        Answer stored = http.get("/api/v1/namespaces/kept-ns");
        assertThat(stored.json().at("/status/phase").stringValue()).isEqualTo("Active");
        assertThat(stored.json().at("/metadata/deletionTimestamp").isMissingNode()).isTrue();
    }
}
