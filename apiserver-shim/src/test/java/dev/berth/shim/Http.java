package dev.berth.shim;

import dev.berth.shim.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Raw HTTP against the shim (the JDK client), for tests that check exact codes and bodies. A request may take 30 s:
 * these tests judge answers, not speed, and a fresh shim's first pod request (class loading and JIT of the pod model)
 * took over 10 s on a machine at load 22.
 */
final class Http {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String base;

    Http(String base) {
        this.base = base;
    }

    record Answer(int code, String body) {
        JsonNode json() {
            return Json.MAPPER.readTree(body);
        }
    }

    Answer get(String path) {
        return send("GET", path, null, "application/json");
    }

    Answer post(String path, String body) {
        return send("POST", path, body, "application/json");
    }

    Answer put(String path, String body) {
        return send("PUT", path, body, "application/json");
    }

    Answer delete(String path, String body) {
        return send("DELETE", path, body, "application/json");
    }

    Answer send(String method, String path, String body, String contentType) {
        return sendBody(method, path, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), contentType);
    }

    Answer sendBody(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", contentType).method(method, body).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }
}
