package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.Http.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The resource endpoints over HTTP against a real in-process store: CRUD, optimistic concurrency, lists. */
class ResourceApiTest extends StandardShimTest {
    static String pod(String name, String labels) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{" + labels
                + "}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx:1.27\"}]}}";
    }

    static void namespace(String name) {
        Answer created = http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}");
        assertThat(created.code()).as(created.body()).isEqualTo(201);
    }

    @Test
    void systemNamespacesExistFromTheStart() {
        JsonNode list = http.get("/api/v1/namespaces").json();
        List<String> names = new ArrayList<>();
        list.path("items").forEach(item -> names.add(item.path("metadata").path("name").stringValue()));
        assertThat(names).contains("default", "kube-system", "kube-node-lease");
        assertThat(list.path("kind").stringValue()).isEqualTo("NamespaceList");
    }

    @Test
    void createFillsServerMetadataAndPodDefaults() {
        namespace("crud");
        Answer created = http.post("/api/v1/namespaces/crud/pods", pod("web", "\"app\":\"web\""));
        assertThat(created.code()).as(created.body()).isEqualTo(201);
        JsonNode pod = created.json();
        assertThat(pod.path("metadata").path("uid").stringValue()).hasSize(36);
        assertThat(pod.path("metadata").path("namespace").stringValue()).isEqualTo("crud");
        assertThat(pod.path("metadata").path("creationTimestamp").stringValue()).endsWith("Z");
        assertThat(pod.path("metadata").path("generation").asLong()).isEqualTo(1);
        assertThat(pod.path("spec").path("schedulerName").stringValue()).isEqualTo("default-scheduler");
        assertThat(pod.path("status").path("phase").stringValue()).isEqualTo("Pending");
        String rv = pod.path("metadata").path("resourceVersion").stringValue();

        Answer got = http.get("/api/v1/namespaces/crud/pods/web");
        assertThat(got.code()).isEqualTo(200);
        assertThat(got.json()).isEqualTo(pod);
        assertThat(Long.parseLong(rv)).isPositive();
    }

    @Test
    void generateNameGivesAFreshName() {
        namespace("gen");
        String body = "{\"metadata\":{\"generateName\":\"worker-\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}";
        String first = http.post("/api/v1/namespaces/gen/pods", body).json().path("metadata").path("name").stringValue();
        String second = http.post("/api/v1/namespaces/gen/pods", body).json().path("metadata").path("name").stringValue();
        assertThat(first).matches("worker-[a-z0-9]{5}").isNotEqualTo(second);
    }

    @Test
    void createTwiceIsAlreadyExists() {
        namespace("twice");
        assertThat(http.post("/api/v1/namespaces/twice/pods", pod("a", "")).code()).isEqualTo(201);
        Answer again = http.post("/api/v1/namespaces/twice/pods", pod("a", ""));
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.json().path("reason").stringValue()).isEqualTo("AlreadyExists");
        assertThat(again.json().path("message").stringValue()).isEqualTo("pods \"a\" already exists");
    }

    @Test
    void createInAMissingNamespaceIsNotFound() {
        Answer answer = http.post("/api/v1/namespaces/nowhere/pods", pod("a", ""));
        assertThat(answer.code()).isEqualTo(404);
        assertThat(answer.json().path("message").stringValue()).isEqualTo("namespaces \"nowhere\" not found");
        assertThat(answer.json().path("details").path("kind").stringValue()).isEqualTo("namespaces");
    }

    @Test
    void updateWithAStaleResourceVersionIsAConflict() {
        namespace("occ");
        JsonNode created = http.post("/api/v1/namespaces/occ/configmaps",
                "{\"metadata\":{\"name\":\"cfg\"},\"data\":{\"k\":\"1\"}}").json();
        String rv = created.path("metadata").path("resourceVersion").stringValue();
        Answer first = http.put("/api/v1/namespaces/occ/configmaps/cfg",
                "{\"metadata\":{\"name\":\"cfg\",\"resourceVersion\":\"" + rv + "\"},\"data\":{\"k\":\"2\"}}");
        assertThat(first.code()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("data").path("k").stringValue()).isEqualTo("2");
        assertThat(first.json().path("metadata").path("uid")).isEqualTo(created.path("metadata").path("uid"));
        Answer stale = http.put("/api/v1/namespaces/occ/configmaps/cfg",
                "{\"metadata\":{\"name\":\"cfg\",\"resourceVersion\":\"" + rv + "\"},\"data\":{\"k\":\"3\"}}");
        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.json().path("reason").stringValue()).isEqualTo("Conflict");
        assertThat(stale.json().path("message").stringValue()).isEqualTo("Operation cannot be fulfilled on configmaps "
                + "\"cfg\": the object has been modified; please apply your changes to the latest version and try again");
        Answer unconditional = http.put("/api/v1/namespaces/occ/configmaps/cfg",
                "{\"metadata\":{\"name\":\"cfg\"},\"data\":{\"k\":\"4\"}}");
        assertThat(unconditional.code()).isEqualTo(200);
        assertThat(http.get("/api/v1/namespaces/occ/configmaps/cfg").json().path("data").path("k").stringValue())
                .isEqualTo("4");
    }

    @Test
    void statusIsIgnoredOnTheMainResourceAndSpecOnStatus() {
        namespace("status");
        JsonNode pod = http.post("/api/v1/namespaces/status/pods", pod("p", "")).json();
        String viaMain = pod.toString().replace("\"phase\":\"Pending\"", "\"phase\":\"Running\"");
        JsonNode updated = http.put("/api/v1/namespaces/status/pods/p", viaMain).json();
        assertThat(updated.path("status").path("phase").stringValue()).isEqualTo("Pending");

        String viaStatus = updated.toString().replace("\"phase\":\"Pending\"", "\"phase\":\"Running\"")
                .replace("\"schedulerName\":\"default-scheduler\"", "\"schedulerName\":\"berth\"");
        Answer status = http.put("/api/v1/namespaces/status/pods/p/status", viaStatus);
        assertThat(status.code()).as(status.body()).isEqualTo(200);
        assertThat(status.json().path("status").path("phase").stringValue()).isEqualTo("Running");
        assertThat(status.json().path("spec").path("schedulerName").stringValue()).isEqualTo("default-scheduler");
    }

    @Test
    void podSpecIsImmutableButForImagesAndTolerations() {
        namespace("immutable");
        JsonNode pod = http.post("/api/v1/namespaces/immutable/pods", pod("p", "")).json();
        Answer image = http.put("/api/v1/namespaces/immutable/pods/p", pod.toString().replace("nginx:1.27", "nginx:1.28"));
        assertThat(image.code()).as(image.body()).isEqualTo(200);
        Answer node = http.put("/api/v1/namespaces/immutable/pods/p",
                image.json().toString().replace("\"schedulerName\"", "\"nodeName\":\"n1\",\"schedulerName\""));
        assertThat(node.code()).isEqualTo(422);
        assertThat(node.json().path("message").stringValue())
                .startsWith("Pod \"p\" is invalid: spec: Forbidden: pod updates may not change fields other than");
        assertThat(http.get("/api/v1/namespaces/immutable/pods/p").json().path("spec").has("nodeName")).isFalse();
        // Defaulted fields a client leaves out are defaulted again on update, so leaving them out changes nothing.
        String sparse = image.json().toString().replace("\"schedulerName\":\"default-scheduler\",", "")
                .replace("\"restartPolicy\":\"Always\",", "");
        assertThat(sparse).doesNotContain("schedulerName");
        Answer defaulted = http.put("/api/v1/namespaces/immutable/pods/p", sparse);
        assertThat(defaulted.code()).as(defaulted.body()).isEqualTo(200);
        assertThat(defaulted.json().path("spec").path("schedulerName").stringValue()).isEqualTo("default-scheduler");
    }

    @Test
    void listsFilterByLabelAndFieldSelectors() {
        namespace("sel");
        http.post("/api/v1/namespaces/sel/pods", pod("a", "\"tier\":\"web\",\"env\":\"prod\""));
        http.post("/api/v1/namespaces/sel/pods", pod("b", "\"tier\":\"db\",\"env\":\"prod\""));
        http.post("/api/v1/namespaces/sel/pods", pod("c", "\"tier\":\"cache\""));
        record Case(String query, List<String> names) {
        }
        List<Case> cases = List.of(
                new Case("labelSelector=tier%3Dweb", List.of("a")),
                new Case("labelSelector=tier%20in%20(web,db)", List.of("a", "b")),
                new Case("labelSelector=tier%20notin%20(web,db)", List.of("c")),
                new Case("labelSelector=!env", List.of("c")),
                new Case("labelSelector=env", List.of("a", "b")),
                new Case("labelSelector=env,tier!%3Ddb", List.of("a")),
                new Case("fieldSelector=metadata.name%3Db", List.of("b")),
                new Case("fieldSelector=metadata.name!%3Db", List.of("a", "c")),
                new Case("fieldSelector=status.phase%3DPending,spec.nodeName%3D", List.of("a", "b", "c")),
                new Case("fieldSelector=spec.schedulerName%3D%3Dberth", List.of()));
        for (Case c : cases) {
            Answer answer = http.get("/api/v1/namespaces/sel/pods?" + c.query());
            assertThat(answer.code()).as(c.query() + ": " + answer.body()).isEqualTo(200);
            assertThat(names(answer.json())).as(c.query()).isEqualTo(c.names());
        }
        Answer unsupported = http.get("/api/v1/namespaces/sel/pods?fieldSelector=spec.foo%3Dx");
        assertThat(unsupported.code()).isEqualTo(400);
        assertThat(unsupported.json().path("message").stringValue()).isEqualTo("field label not supported: spec.foo");
    }

    @Test
    void pagesWithLimitAndContinueFormOneConsistentList() {
        namespace("paging");
        for (int i = 0; i < 7; i++) {
            http.post("/api/v1/namespaces/paging/configmaps", "{\"metadata\":{\"name\":\"cm-" + i + "\"}}");
        }
        List<String> seen = new ArrayList<>();
        String token = "";
        String revision = null;
        for (int page = 0; page < 10; page++) {
            JsonNode list = http.get("/api/v1/namespaces/paging/configmaps?limit=3"
                    + (token.isEmpty() ? "" : "&continue=" + token)).json();
            if (revision == null) {
                revision = list.path("metadata").path("resourceVersion").stringValue();
                http.post("/api/v1/namespaces/paging/configmaps", "{\"metadata\":{\"name\":\"cm-late\"}}");
            }
            assertThat(list.path("metadata").path("resourceVersion").stringValue()).isEqualTo(revision);
            assertThat(list.path("items").size()).isLessThanOrEqualTo(3);
            seen.addAll(names(list));
            token = list.path("metadata").path("continue").asString("");
            if (token.isEmpty()) {
                break;
            }
        }
        assertThat(seen).containsExactly("cm-0", "cm-1", "cm-2", "cm-3", "cm-4", "cm-5", "cm-6");
        assertThat(http.get("/api/v1/namespaces/paging/configmaps?continue=garbage").code()).isEqualTo(400);
    }

    @Test
    void pagingWithSelectorsMatchesTheUnpagedList() {
        namespace("pages");
        Random random = new Random(20261126);
        for (int i = 0; i < 40; i++) {
            http.post("/api/v1/namespaces/pages/configmaps", "{\"metadata\":{\"name\":\"cm-" + i
                    + "\",\"labels\":{\"shard\":\"" + random.nextInt(4) + "\"}}}");
        }
        List<String> selectors = List.of("", "shard%3D1", "shard%20in%20(0,3)", "shard!%3D2", "shard%3D9");
        for (int round = 0; round < 12; round++) {
            String selector = selectors.get(random.nextInt(selectors.size()));
            int limit = 1 + random.nextInt(12);
            List<String> expected = names(http.get("/api/v1/namespaces/pages/configmaps?labelSelector=" + selector).json());
            List<String> paged = new ArrayList<>();
            String token = "";
            for (int page = 0; page < 50; page++) {
                JsonNode list = http.get("/api/v1/namespaces/pages/configmaps?labelSelector=" + selector + "&limit="
                        + limit + (token.isEmpty() ? "" : "&continue=" + token)).json();
                assertThat(list.path("items").size()).isLessThanOrEqualTo(limit);
                paged.addAll(names(list));
                token = list.path("metadata").path("continue").asString("");
                if (token.isEmpty()) {
                    break;
                }
            }
            assertThat(token).as("paging ended").isEmpty();
            assertThat(paged).as(selector + " limit " + limit).isEqualTo(expected);
        }
    }

    @Test
    void listAtAnOldExactRevisionSeesThePast() {
        namespace("past");
        http.post("/api/v1/namespaces/past/configmaps", "{\"metadata\":{\"name\":\"one\"}}");
        String rv = http.get("/api/v1/namespaces/past/configmaps").json().path("metadata").path("resourceVersion")
                .stringValue();
        http.post("/api/v1/namespaces/past/configmaps", "{\"metadata\":{\"name\":\"two\"}}");
        JsonNode exact = http.get("/api/v1/namespaces/past/configmaps?resourceVersion=" + rv
                + "&resourceVersionMatch=Exact").json();
        assertThat(names(exact)).containsExactly("one");
        JsonNode notOlder = http.get("/api/v1/namespaces/past/configmaps?resourceVersion=" + rv).json();
        assertThat(names(notOlder)).containsExactly("one", "two");
        assertThat(names(http.get("/api/v1/namespaces/past/configmaps?resourceVersion=0").json()))
                .containsExactly("one", "two");
    }

    @Test
    void deleteRemovesAndChecksPreconditions() {
        namespace("del");
        JsonNode cm = http.post("/api/v1/namespaces/del/configmaps", "{\"metadata\":{\"name\":\"x\"}}").json();
        Answer wrongUid = http.delete("/api/v1/namespaces/del/configmaps/x",
                "{\"preconditions\":{\"uid\":\"not-it\"}}");
        assertThat(wrongUid.code()).isEqualTo(409);
        assertThat(wrongUid.json().path("message").stringValue()).contains("Precondition failed: UID in precondition: not-it");
        Answer deleted = http.delete("/api/v1/namespaces/del/configmaps/x",
                "{\"preconditions\":{\"uid\":\"" + cm.path("metadata").path("uid").stringValue() + "\"}}");
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(deleted.json().path("kind").stringValue()).isEqualTo("Status");
        assertThat(deleted.json().path("status").stringValue()).isEqualTo("Success");
        assertThat(deleted.json().path("details").path("kind").stringValue()).isEqualTo("configmaps");
        assertThat(deleted.json().path("details").path("uid")).isEqualTo(cm.path("metadata").path("uid"));
        assertThat(http.get("/api/v1/namespaces/del/configmaps/x").code()).isEqualTo(404);
        Answer again = http.delete("/api/v1/namespaces/del/configmaps/x", null);
        assertThat(again.json().path("message").stringValue()).isEqualTo("configmaps \"x\" not found");
    }

    @Test
    void deleteCollectionDeletesTheSelectedObjects() {
        namespace("coll");
        http.post("/api/v1/namespaces/coll/configmaps", "{\"metadata\":{\"name\":\"a\",\"labels\":{\"gone\":\"yes\"}}}");
        http.post("/api/v1/namespaces/coll/configmaps", "{\"metadata\":{\"name\":\"b\",\"labels\":{\"gone\":\"yes\"}}}");
        http.post("/api/v1/namespaces/coll/configmaps", "{\"metadata\":{\"name\":\"c\"}}");
        Answer deleted = http.delete("/api/v1/namespaces/coll/configmaps?labelSelector=gone%3Dyes", null);
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(names(deleted.json())).containsExactly("a", "b");
        assertThat(names(http.get("/api/v1/namespaces/coll/configmaps").json())).containsExactly("c");
    }

    @Test
    void groupResourcesLiveUnderTheirOwnPrefix() {
        namespace("groups");
        Answer core = http.post("/api/v1/namespaces/groups/events",
                "{\"metadata\":{\"name\":\"e\"},\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"p\"},\"reason\":\"R\"}");
        assertThat(core.code()).as(core.body()).isEqualTo(201);
        Answer other = http.post("/apis/events.k8s.io/v1/namespaces/groups/events",
                "{\"metadata\":{\"name\":\"e\"},\"reason\":\"R\",\"eventTime\":null}");
        assertThat(other.code()).as(other.body()).isEqualTo(201);
        assertThat(other.json().path("apiVersion").stringValue()).isEqualTo("events.k8s.io/v1");
        Answer lease = http.post("/apis/coordination.k8s.io/v1/namespaces/groups/leases",
                "{\"metadata\":{\"name\":\"l\"},\"spec\":{\"holderIdentity\":\"me\"}}");
        assertThat(lease.code()).isEqualTo(201);
        assertThat(http.get("/apis/coordination.k8s.io/v1/leases").json().path("items").size()).isEqualTo(1);
    }

    static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(item -> names.add(item.path("metadata").path("name").stringValue()));
        return names;
    }
}
