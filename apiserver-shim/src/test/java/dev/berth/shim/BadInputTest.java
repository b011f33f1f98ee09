package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.Http.Answer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests a client should not send: each is a Status with kube-apiserver's code and reason, and nothing is stored. */
class BadInputTest {
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

    record Case(String what, String method, String path, String body, String contentType, int code, String reason) {
    }

    @Test
    void answersEachBadRequestWithTheRightStatus() {
        List<Case> cases = List.of(
                new Case("malformed JSON", "POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":", "application/json", 400, "BadRequest"),
                new Case("malformed YAML", "POST", "/api/v1/namespaces/default/configmaps", "metadata: [unclosed", "application/yaml", 400, "BadRequest"),
                new Case("JSON that is not an object", "POST", "/api/v1/namespaces/default/configmaps", "[1,2]", "application/json", 400, "BadRequest"),
                new Case("empty body", "POST", "/api/v1/namespaces/default/configmaps", "", "application/json", 400, "BadRequest"),
                new Case("unknown media type", "POST", "/api/v1/namespaces/default/configmaps", "x", "text/plain", 415, "UnsupportedMediaType"),
                new Case("patch before a patcher is wired", "PATCH", "/api/v1/namespaces/default/configmaps/x", "{}", "application/merge-patch+json", 415, "UnsupportedMediaType"),
                new Case("metadata not an object", "POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":\"x\"}", "application/json", 400, "BadRequest"),
                new Case("name not a string", "POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":5}}", "application/json", 400, "BadRequest"),
                new Case("labels not a map", "POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"l\",\"labels\":[1]}}", "application/json", 400, "BadRequest"),
                new Case("finalizers not strings", "POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"f\",\"finalizers\":[{}]}}", "application/json", 400, "BadRequest"),
                new Case("pod containers not a list", "POST", "/api/v1/namespaces/default/pods", "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":{\"a\":1}}}", "application/json", 400, "BadRequest"),
                new Case("configmap data not a map", "POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"d\"},\"data\":[\"x\"]}", "application/json", 400, "BadRequest"),
                new Case("invalid name", "POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"Not_Valid\"}}", "application/json", 422, "Invalid"),
                new Case("invalid label value", "POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"lv\",\"labels\":{\"a\":\"b c\"}}}", "application/json", 422, "Invalid"),
                new Case("invalid annotation key", "POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"ak\",\"annotations\":{\"a b\":\"x\"}}}", "application/json", 422, "Invalid"),
                new Case("no name", "POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":{}}", "application/json", 422, "Invalid"),
                new Case("namespace name not a label", "POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"a.b\"}}", "application/json", 422, "Invalid"),
                new Case("wrong kind", "POST", "/api/v1/namespaces/default/configmaps", "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"k\"}}", "application/json", 400, "BadRequest"),
                new Case("namespace mismatch", "POST", "/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"m\",\"namespace\":\"other\"}}", "application/json", 400, "BadRequest"),
                new Case("name mismatch on update", "PUT", "/api/v1/namespaces/default/configmaps/a", "{\"metadata\":{\"name\":\"b\"}}", "application/json", 400, "BadRequest"),
                new Case("unknown resource", "GET", "/api/v1/widgets", null, "application/json", 404, "NotFound"),
                new Case("unknown group", "GET", "/apis/example.com/v1/widgets", null, "application/json", 404, "NotFound"),
                new Case("unknown subresource", "GET", "/api/v1/namespaces/default/pods/p/exec", null, "application/json", 404, "NotFound"),
                new Case("cluster-scoped under a namespace", "GET", "/api/v1/namespaces/default/nodes", null, "application/json", 404, "NotFound"),
                new Case("unknown path", "GET", "/nothing/here", null, "application/json", 404, "NotFound"),
                new Case("POST to an object", "POST", "/api/v1/namespaces/default/configmaps/x", "{}", "application/json", 405, "MethodNotAllowed"),
                new Case("GET of pods/binding", "GET", "/api/v1/namespaces/default/pods/x/binding", null, "application/json", 405, "MethodNotAllowed"),
                new Case("DELETE of pods/status", "DELETE", "/api/v1/namespaces/default/pods/x/status", null, "application/json", 405, "MethodNotAllowed"),
                new Case("PUT to a collection", "PUT", "/api/v1/namespaces/default/configmaps", "{}", "application/json", 405, "MethodNotAllowed"),
                new Case("binding of a configmap", "POST", "/api/v1/namespaces/default/configmaps/x/binding", "{}", "application/json", 404, "NotFound"),
                new Case("bad label selector", "GET", "/api/v1/pods?labelSelector=a%20in%20(", null, "application/json", 400, "BadRequest"),
                new Case("bad limit", "GET", "/api/v1/pods?limit=-1", null, "application/json", 400, "BadRequest"),
                new Case("bad resourceVersion", "GET", "/api/v1/pods?resourceVersion=abc", null, "application/json", 400, "BadRequest"),
                new Case("bad resourceVersionMatch", "GET", "/api/v1/pods?resourceVersion=1&resourceVersionMatch=Sometime", null, "application/json", 400, "BadRequest"),
                new Case("unknown dry-run directive", "POST", "/api/v1/namespaces/default/configmaps?dryRun=Some", "{\"metadata\":{\"name\":\"dry\"}}", "application/json", 400, "BadRequest"),
                new Case("dry run of a binding", "POST", "/api/v1/namespaces/default/pods/x/binding?dryRun=All", "{}", "application/json", 400, "BadRequest"),
                new Case("dry run of a collection delete", "DELETE", "/api/v1/namespaces/default/configmaps?dryRun=All", null, "application/json", 400, "BadRequest"),
                new Case("deleting kube-system", "DELETE", "/api/v1/namespaces/kube-system", null, "application/json", 403, "Forbidden"));
        for (Case c : cases) {
            Answer answer = http.send(c.method(), c.path(), c.body(), c.contentType());
            assertThat(answer.code()).as(c.what() + ": " + answer.body()).isEqualTo(c.code());
            assertThat(answer.json().path("kind").stringValue()).as(c.what()).isEqualTo("Status");
            assertThat(answer.json().path("reason").stringValue()).as(c.what()).isEqualTo(c.reason());
            assertThat(answer.json().path("code").asInt()).as(c.what()).isEqualTo(c.code());
        }
        assertThat(http.get("/api/v1/namespaces/default/configmaps").json().path("items").size()).isZero();
        assertThat(http.get("/api/v1/namespaces/kube-system").code()).isEqualTo(200);
    }

    @Test
    void invalidNameNamesTheFieldAndTheRule() {
        Answer answer = http.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"Bad_Name\"}}");
        assertThat(answer.json().path("message").stringValue()).startsWith(
                "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain");
        assertThat(answer.json().path("details").path("causes").get(0).path("field").stringValue()).isEqualTo("metadata.name");
        assertThat(answer.json().path("details").path("causes").get(0).path("reason").stringValue()).isEqualTo("FieldValueInvalid");
    }

    @Test
    void bodiesOverThreeMebibytesAreTooLarge() {
        byte[] big = new byte[3 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        Answer answer = http.sendBody("POST", "/api/v1/namespaces/default/configmaps",
                HttpRequest.BodyPublishers.ofByteArray(big), "application/json");
        assertThat(answer.code()).isEqualTo(413);
        assertThat(answer.json().path("reason").stringValue()).isEqualTo("RequestEntityTooLarge");
        assertThat(http.get("/healthz").body()).isEqualTo("ok");
    }

    @Test
    void yamlBodiesAreAccepted() {
        Answer answer = http.send("POST", "/api/v1/namespaces/default/configmaps",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n", "application/yaml");
        assertThat(answer.code()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().path("data").path("k").stringValue()).isEqualTo("v");
        http.delete("/api/v1/namespaces/default/configmaps/from-yaml", null);
    }
}
