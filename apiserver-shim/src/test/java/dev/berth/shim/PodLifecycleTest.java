package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.shim.Http.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** pods/binding, pods/eviction with disruption budgets, graceful deletion and finalizers. */
class PodLifecycleTest extends StandardShimTest {
    static void namespace(String name) {
        assertThat(http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}").code()).isEqualTo(201);
    }

    static JsonNode pod(String ns, String name, String labels, String specExtra) {
        Answer created = http.post("/api/v1/namespaces/" + ns + "/pods", "{\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{" + labels + "}},\"spec\":{" + specExtra
                + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox:1\"}]}}");
        assertThat(created.code()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    static void running(String ns, String name) {
        JsonNode pod = http.get("/api/v1/namespaces/" + ns + "/pods/" + name).json();
        String body = pod.toString().replace("\"phase\":\"Pending\"", "\"phase\":\"Running\"");
        assertThat(http.put("/api/v1/namespaces/" + ns + "/pods/" + name + "/status", body).code()).isEqualTo(200);
    }

    static Answer bind(String ns, String name, String node) {
        return http.post("/api/v1/namespaces/" + ns + "/pods/" + name + "/binding",
                "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"" + name
                        + "\"},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"" + node + "\"}}");
    }

    @Test
    void bindingAssignsTheNodeOnce() {
        namespace("bind");
        pod("bind", "p", "", "");
        Answer bound = bind("bind", "p", "node-1");
        assertThat(bound.code()).as(bound.body()).isEqualTo(201);
        assertThat(bound.json().path("status").stringValue()).isEqualTo("Success");
        JsonNode pod = http.get("/api/v1/namespaces/bind/pods/p").json();
        assertThat(pod.path("spec").path("nodeName").stringValue()).isEqualTo("node-1");
        JsonNode condition = pod.path("status").path("conditions").get(0);
        assertThat(condition.path("type").stringValue()).isEqualTo("PodScheduled");
        assertThat(condition.path("status").stringValue()).isEqualTo("True");

        Answer again = bind("bind", "p", "node-2");
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.json().path("message").stringValue())
                .isEqualTo("Operation cannot be fulfilled on pods/binding \"p\": pod p is already assigned to node \"node-1\"");
        assertThat(bind("bind", "absent", "node-1").code()).isEqualTo(404);
    }

    @Test
    void unboundPodsGoAtOnceBoundPodsAfterTheirGracePeriod() {
        namespace("grace");
        pod("grace", "unbound", "", "");
        Answer unbound = http.delete("/api/v1/namespaces/grace/pods/unbound", null);
        assertThat(unbound.code()).isEqualTo(200);
        assertThat(unbound.json().path("kind").stringValue()).isEqualTo("Pod");
        assertThat(http.get("/api/v1/namespaces/grace/pods/unbound").code()).isEqualTo(404);

        pod("grace", "bound", "", "\"nodeName\":\"n\",\"terminationGracePeriodSeconds\":1,");
        Answer marked = http.delete("/api/v1/namespaces/grace/pods/bound", null);
        assertThat(marked.code()).isEqualTo(202);
        assertThat(marked.json().path("metadata").path("deletionGracePeriodSeconds").asLong()).isEqualTo(1);
        assertThat(marked.json().path("metadata").path("deletionTimestamp").stringValue()).isNotEmpty();
        assertThat(http.get("/api/v1/namespaces/grace/pods/bound").code()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> http.get("/api/v1/namespaces/grace/pods/bound").code() == 404);

        pod("grace", "now", "", "\"nodeName\":\"n\",");
        Answer immediate = http.delete("/api/v1/namespaces/grace/pods/now?gracePeriodSeconds=0", null);
        assertThat(immediate.code()).isEqualTo(200);
        assertThat(http.get("/api/v1/namespaces/grace/pods/now").code()).isEqualTo(404);
    }

    @Test
    void finalizersHoldTheObjectUntilTheLastIsRemoved() {
        namespace("fin");
        http.post("/api/v1/namespaces/fin/configmaps",
                "{\"metadata\":{\"name\":\"held\",\"finalizers\":[\"example.com/a\",\"example.com/b\"]}}");
        Answer marked = http.delete("/api/v1/namespaces/fin/configmaps/held", null);
        assertThat(marked.code()).isEqualTo(202);
        JsonNode held = http.get("/api/v1/namespaces/fin/configmaps/held").json();
        assertThat(held.path("metadata").path("deletionTimestamp").stringValue()).isNotEmpty();

        String one = held.toString().replace("[\"example.com/a\",\"example.com/b\"]", "[\"example.com/b\"]");
        assertThat(http.put("/api/v1/namespaces/fin/configmaps/held", one).code()).isEqualTo(200);
        assertThat(http.get("/api/v1/namespaces/fin/configmaps/held").code()).isEqualTo(200);
        JsonNode current = http.get("/api/v1/namespaces/fin/configmaps/held").json();
        assertThat(current.path("metadata").path("deletionTimestamp")).isEqualTo(held.path("metadata").path("deletionTimestamp"));
        String none = current.toString().replace("[\"example.com/b\"]", "[]");
        assertThat(http.put("/api/v1/namespaces/fin/configmaps/held", none).code()).isEqualTo(200);
        assertThat(http.get("/api/v1/namespaces/fin/configmaps/held").code()).isEqualTo(404);
    }

    @Test
    void evictionHonoursTheDisruptionBudget() {
        namespace("evict");
        for (String name : new String[] {"a", "b"}) {
            pod("evict", name, "\"app\":\"db\"", "");
            bind("evict", name, "node-1");
            running("evict", name);
        }
        Answer budget = http.post("/apis/policy/v1/namespaces/evict/poddisruptionbudgets",
                "{\"metadata\":{\"name\":\"db\"},\"spec\":{\"minAvailable\":1,\"selector\":{\"matchLabels\":{\"app\":\"db\"}}}}");
        assertThat(budget.code()).as(budget.body()).isEqualTo(201);
        String eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"%s\"},"
                + "\"deleteOptions\":{\"gracePeriodSeconds\":0}}";
        Answer first = http.post("/api/v1/namespaces/evict/pods/a/eviction", eviction.formatted("a"));
        assertThat(first.code()).as(first.body()).isEqualTo(201);
        assertThat(http.get("/api/v1/namespaces/evict/pods/a").code()).isEqualTo(404);

        Answer second = http.post("/api/v1/namespaces/evict/pods/b/eviction", eviction.formatted("b"));
        assertThat(second.code()).isEqualTo(429);
        assertThat(second.json().path("reason").stringValue()).isEqualTo("TooManyRequests");
        assertThat(second.json().path("message").stringValue())
                .isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(second.json().path("details").path("causes").get(0).path("message").stringValue())
                .isEqualTo("The disruption budget db needs 1 healthy pods and has 1 currently");
        assertThat(http.get("/api/v1/namespaces/evict/pods/b").code()).isEqualTo(200);
    }

    @Test
    void evictionUsesAMaintainedBudgetStatus() {
        namespace("evict2");
        pod("evict2", "p", "\"app\":\"x\"", "");
        bind("evict2", "p", "node-1");
        running("evict2", "p");
        JsonNode budget = http.post("/apis/policy/v1/namespaces/evict2/poddisruptionbudgets",
                "{\"metadata\":{\"name\":\"x\"},\"spec\":{\"maxUnavailable\":1,\"selector\":{\"matchLabels\":{\"app\":\"x\"}}}}").json();
        String status = budget.toString().replaceFirst("\\}$", ",\"status\":{\"observedGeneration\":1,"
                + "\"disruptionsAllowed\":0,\"currentHealthy\":1,\"desiredHealthy\":1,\"expectedPods\":1}}");
        assertThat(http.put("/apis/policy/v1/namespaces/evict2/poddisruptionbudgets/x/status", status).code()).isEqualTo(200);
        Answer refused = http.post("/api/v1/namespaces/evict2/pods/p/eviction",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"p\"}}");
        assertThat(refused.code()).isEqualTo(429);
    }

    @Test
    void deletingANamespaceDeletesItsContentThenItself() {
        namespace("doomed");
        pod("doomed", "p", "", "\"nodeName\":\"n\",");
        http.post("/api/v1/namespaces/doomed/configmaps", "{\"metadata\":{\"name\":\"cm\"}}");
        http.post("/api/v1/namespaces/doomed/configmaps", "{\"metadata\":{\"name\":\"held\",\"finalizers\":[\"x/y\"]}}");
        Answer first = http.delete("/api/v1/namespaces/doomed", null);
        assertThat(first.code()).as(first.body()).isEqualTo(202);
        assertThat(first.json().path("status").path("phase").stringValue()).isEqualTo("Terminating");
        assertThat(http.get("/api/v1/namespaces/doomed/pods/p").code()).isEqualTo(404);
        assertThat(http.get("/api/v1/namespaces/doomed/configmaps/cm").code()).isEqualTo(404);
        Answer refused = http.post("/api/v1/namespaces/doomed/configmaps", "{\"metadata\":{\"name\":\"late\"}}");
        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.json().path("message").stringValue()).isEqualTo("configmaps \"late\" is forbidden: "
                + "unable to create new content in namespace doomed because it is being terminated");

        JsonNode held = http.get("/api/v1/namespaces/doomed/configmaps/held").json();
        http.put("/api/v1/namespaces/doomed/configmaps/held", held.toString().replace("[\"x/y\"]", "[]"));
        Answer second = http.delete("/api/v1/namespaces/doomed", null);
        assertThat(second.code()).isEqualTo(200);
        assertThat(http.get("/api/v1/namespaces/doomed").code()).isEqualTo(404);
    }

    @Test
    void priorityComesFromThePodsPriorityClass() {
        namespace("prio");
        assertThat(http.get("/apis/scheduling.k8s.io/v1/priorityclasses/system-node-critical").json().path("value").asLong())
                .isEqualTo(2_000_001_000L);
        assertThat(pod("prio", "plain", "", "").path("spec").path("priority").asLong()).isZero();
        http.post("/apis/scheduling.k8s.io/v1/priorityclasses",
                "{\"metadata\":{\"name\":\"high\"},\"value\":1000,\"preemptionPolicy\":\"Never\"}");
        JsonNode high = pod("prio", "high", "", "\"priorityClassName\":\"high\",");
        assertThat(high.path("spec").path("priority").asLong()).isEqualTo(1000);
        assertThat(high.path("spec").path("preemptionPolicy").stringValue()).isEqualTo("Never");

        Answer missing = http.post("/api/v1/namespaces/prio/pods", "{\"metadata\":{\"name\":\"m\"},\"spec\":{"
                + "\"priorityClassName\":\"nope\",\"containers\":[{\"name\":\"c\",\"image\":\"x:1\"}]}}");
        assertThat(missing.code()).isEqualTo(403);
        assertThat(missing.json().path("message").stringValue())
                .isEqualTo("pods \"m\" is forbidden: no PriorityClass with name nope was found");
        Answer contradicting = http.post("/api/v1/namespaces/prio/pods", "{\"metadata\":{\"name\":\"c\"},\"spec\":{"
                + "\"priorityClassName\":\"high\",\"priority\":5,\"containers\":[{\"name\":\"c\",\"image\":\"x:1\"}]}}");
        assertThat(contradicting.code()).isEqualTo(403);

        http.post("/apis/scheduling.k8s.io/v1/priorityclasses",
                "{\"metadata\":{\"name\":\"fallback\"},\"value\":7,\"globalDefault\":true}");
        JsonNode defaulted = pod("prio", "defaulted", "", "");
        assertThat(defaulted.path("spec").path("priority").asLong()).isEqualTo(7);
        assertThat(defaulted.path("spec").path("priorityClassName").stringValue()).isEqualTo("fallback");
        http.delete("/apis/scheduling.k8s.io/v1/priorityclasses/fallback", null);
    }
}
