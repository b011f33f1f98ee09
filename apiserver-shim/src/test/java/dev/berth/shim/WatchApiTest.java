package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.json.Json;
import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.CompactionRequest;
import dev.berth.store.etcd.pb.PutRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Watches over HTTP and WebSocket: initial ADDED events, changes, selectors entering and leaving, bookmarks, timeout, 410. */
class WatchApiTest extends StandardShimTest {
    static void namespace(String name) {
        assertThat(http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}").code()).isEqualTo(201);
    }

    static JsonNode configMap(String ns, String name, String labels) {
        return http.post("/api/v1/namespaces/" + ns + "/configmaps",
                "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{" + labels + "}}}").json();
    }

    @Test
    void watchFromNowSendsCurrentObjectsThenChanges() throws Exception {
        namespace("w1");
        configMap("w1", "before", "");
        try (WatchLines watch = new WatchLines(fixture.url() + "/api/v1/namespaces/w1/configmaps?watch=1")) {
            JsonNode added = watch.next();
            assertThat(added.path("type").stringValue()).isEqualTo("ADDED");
            assertThat(added.path("object").path("metadata").path("name").stringValue()).isEqualTo("before");
            JsonNode after = configMap("w1", "after", "");
            JsonNode event = watch.next();
            assertThat(event.path("type").stringValue()).isEqualTo("ADDED");
            assertThat(event.path("object")).isEqualTo(after);
            http.put("/api/v1/namespaces/w1/configmaps/after", "{\"metadata\":{\"name\":\"after\"},\"data\":{\"a\":\"b\"}}");
            JsonNode modified = watch.next();
            assertThat(modified.path("type").stringValue()).isEqualTo("MODIFIED");
            assertThat(modified.path("object").path("data").path("a").stringValue()).isEqualTo("b");
            http.delete("/api/v1/namespaces/w1/configmaps/after", null);
            JsonNode deleted = watch.next();
            assertThat(deleted.path("type").stringValue()).isEqualTo("DELETED");
            assertThat(Long.parseLong(deleted.path("object").path("metadata").path("resourceVersion").stringValue()))
                    .isGreaterThan(Long.parseLong(modified.path("object").path("metadata").path("resourceVersion").stringValue()));
        }
    }

    @Test
    void watchFromAResourceVersionSendsOnlyLaterChanges() throws Exception {
        namespace("w2");
        JsonNode first = configMap("w2", "first", "");
        configMap("w2", "second", "");
        String rv = first.path("metadata").path("resourceVersion").stringValue();
        try (WatchLines watch = new WatchLines(fixture.url() + "/api/v1/namespaces/w2/configmaps?watch=true&resourceVersion=" + rv)) {
            JsonNode event = watch.next();
            assertThat(event.path("type").stringValue()).isEqualTo("ADDED");
            assertThat(event.path("object").path("metadata").path("name").stringValue()).isEqualTo("second");
        }
    }

    @Test
    void objectsEnteringAndLeavingTheSelectionArriveAsAddedAndDeleted() throws Exception {
        namespace("w3");
        configMap("w3", "cm", "\"watched\":\"no\"");
        try (WatchLines watch = new WatchLines(fixture.url()
                + "/api/v1/namespaces/w3/configmaps?watch=1&labelSelector=watched%3Dyes")) {
            http.put("/api/v1/namespaces/w3/configmaps/cm", "{\"metadata\":{\"name\":\"cm\",\"labels\":{\"watched\":\"yes\"}}}");
            assertThat(watch.next().path("type").stringValue()).isEqualTo("ADDED");
            http.put("/api/v1/namespaces/w3/configmaps/cm", "{\"metadata\":{\"name\":\"cm\",\"labels\":{\"watched\":\"yes\"},\"annotations\":{\"a\":\"1\"}}}");
            assertThat(watch.next().path("type").stringValue()).isEqualTo("MODIFIED");
            http.put("/api/v1/namespaces/w3/configmaps/cm", "{\"metadata\":{\"name\":\"cm\",\"labels\":{\"watched\":\"no\"}}}");
            JsonNode left = watch.next();
            assertThat(left.path("type").stringValue()).isEqualTo("DELETED");
            assertThat(left.path("object").path("metadata").path("labels").path("watched").stringValue()).isEqualTo("yes");
        }
    }

    @Test
    void bookmarksCarryTheCurrentRevision() throws Exception {
        namespace("w4");
        JsonNode cm = configMap("w4", "cm", "");
        String rv = cm.path("metadata").path("resourceVersion").stringValue();
        try (WatchLines watch = new WatchLines(fixture.url()
                + "/api/v1/namespaces/w4/configmaps?watch=1&allowWatchBookmarks=true&resourceVersion=" + rv)) {
            JsonNode bookmark = watch.next();
            assertThat(bookmark.path("type").stringValue()).isEqualTo("BOOKMARK");
            assertThat(Long.parseLong(bookmark.path("object").path("metadata").path("resourceVersion").stringValue()))
                    .isGreaterThanOrEqualTo(Long.parseLong(rv));
            assertThat(bookmark.path("object").path("kind").stringValue()).isEqualTo("ConfigMap");
        }
    }

    @Test
    void sendInitialEventsEndsTheInitialObjectsWithAnAnnotatedBookmark() throws Exception {
        namespace("w7");
        configMap("w7", "a", "");
        configMap("w7", "b", "");
        try (WatchLines watch = new WatchLines(fixture.url() + "/api/v1/namespaces/w7/configmaps?watch=1"
                + "&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan")) {
            assertThat(watch.next().path("type").stringValue()).isEqualTo("ADDED");
            assertThat(watch.next().path("type").stringValue()).isEqualTo("ADDED");
            JsonNode end = watch.next();
            assertThat(end.path("type").stringValue()).isEqualTo("BOOKMARK");
            assertThat(end.path("object").path("metadata").path("annotations").path("k8s.io/initial-events-end")
                    .stringValue()).isEqualTo("true");
        }
        assertThat(http.get("/api/v1/namespaces/w7/configmaps?watch=1&sendInitialEvents=true").code()).isEqualTo(422);
    }

    @Test
    void aValueThatIsNoObjectIsSkippedNotFatal() throws Exception {
        namespace("w8");
        try (WatchLines watch = new WatchLines(fixture.url() + "/api/v1/namespaces/w8/configmaps?watch=1&resourceVersion="
                + configMap("w8", "first", "").path("metadata").path("resourceVersion").stringValue())) {
            fixture.client.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("/registry/configmaps/w8/junk"))
                    .setValue(ByteString.copyFromUtf8("not json")).build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            configMap("w8", "after", "");
            JsonNode next = watch.next();
            assertThat(next.path("object").path("metadata").path("name").stringValue()).isEqualTo("after");
        }
    }

    @Test
    void anObjectWrittenOverAValueThatIsNoObjectArrivesAsModified() throws Exception {
        namespace("w9");
        fixture.client.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("/registry/configmaps/w9/fixed"))
                .setValue(ByteString.copyFromUtf8("not json")).build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        String rv = configMap("w9", "first", "").path("metadata").path("resourceVersion").stringValue();
        try (WatchLines watch = new WatchLines(fixture.url() + "/api/v1/namespaces/w9/configmaps?watch=1&resourceVersion=" + rv)) {
            // Without selectors only the previous value's presence matters, so what it holds cannot lose the event.
            fixture.client.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("/registry/configmaps/w9/fixed"))
                    .setValue(ByteString.copyFromUtf8("{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":"
                            + "{\"name\":\"fixed\",\"namespace\":\"w9\"}}")).build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            JsonNode next = watch.next();
            assertThat(next.path("type").stringValue()).isEqualTo("MODIFIED");
            assertThat(next.path("object").path("metadata").path("name").stringValue()).isEqualTo("fixed");
        }
    }

    @Test
    void watchEndsAtItsTimeout() throws Exception {
        try (WatchLines watch = new WatchLines(fixture.url() + "/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1")) {
            assertThat(watch.statusCode()).isEqualTo(200);
            assertThat(watch.endsWithin(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void watchFromACompactedRevisionIsAnExpiredError() throws Exception {
        namespace("w5");
        JsonNode old = configMap("w5", "old", "");
        JsonNode newer = configMap("w5", "newer", "");
        long compactAt = Long.parseLong(newer.path("metadata").path("resourceVersion").stringValue());
        fixture.client.compact(CompactionRequest.newBuilder().setRevision(compactAt).build())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        String rv = Long.toString(Long.parseLong(old.path("metadata").path("resourceVersion").stringValue()) - 1);
        try (WatchLines watch = new WatchLines(fixture.url() + "/api/v1/namespaces/w5/configmaps?watch=1&resourceVersion=" + rv)) {
            JsonNode error = watch.next();
            assertThat(error.path("type").stringValue()).isEqualTo("ERROR");
            assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
            assertThat(error.path("object").path("reason").stringValue()).isEqualTo("Expired");
            assertThat(watch.endsWithin(Duration.ofSeconds(10))).isTrue();
        }
        Http.Answer list = http.get("/api/v1/namespaces/w5/configmaps?resourceVersion=" + rv + "&resourceVersionMatch=Exact");
        assertThat(list.code()).isEqualTo(410);
        assertThat(list.json().path("reason").stringValue()).isEqualTo("Expired");
    }

    @Test
    void watchOfOneObjectSeesOnlyIt() throws Exception {
        namespace("w6");
        configMap("w6", "mine", "");
        try (WatchLines watch = new WatchLines(fixture.url() + "/api/v1/namespaces/w6/configmaps?watch=1&fieldSelector=metadata.name%3Dmine")) {
            assertThat(watch.next().path("object").path("metadata").path("name").stringValue()).isEqualTo("mine");
            configMap("w6", "other", "");
            http.put("/api/v1/namespaces/w6/configmaps/mine", "{\"metadata\":{\"name\":\"mine\"},\"data\":{\"x\":\"y\"}}");
            JsonNode next = watch.next();
            assertThat(next.path("type").stringValue()).isEqualTo("MODIFIED");
            assertThat(next.path("object").path("metadata").path("name").stringValue()).isEqualTo("mine");
        }
    }

    @Test
    void watchOverAWebSocketSendsOneEventPerMessage() throws Exception {
        namespace("ws");
        configMap("ws", "first", "");
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(fixture.url().replace("http://", "ws://") + "/api/v1/namespaces/ws/configmaps?watch=1"),
                        new WebSocket.Listener() {
                            private final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    messages.add(partial.toString());
                                    partial.setLength(0);
                                }
                                ws.request(1);
                                return null;
                            }
                        }).get(10, TimeUnit.SECONDS);
        try {
            JsonNode added = Json.MAPPER.readTree(messages.poll(10, TimeUnit.SECONDS));
            assertThat(added.path("type").stringValue()).isEqualTo("ADDED");
            assertThat(added.path("object").path("metadata").path("name").stringValue()).isEqualTo("first");
            configMap("ws", "second", "");
            JsonNode next = Json.MAPPER.readTree(messages.poll(10, TimeUnit.SECONDS));
            assertThat(next.path("object").path("metadata").path("name").stringValue()).isEqualTo("second");
        } finally {
            socket.abort();
        }
    }
}
