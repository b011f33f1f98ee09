package dev.berth.shim.storage;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a paged list resumes, in kube-apiserver's encoding (base64url of
 * {@code {"v":"meta.k8s.io/v1","rv":N,"start":"<key after the prefix>"}}): the revision every page is read at, so
 * pages form one consistent list, and the first key (relative to the list's prefix) of the next page.
 */
public record ContinueToken(long revision, String start) {
    private static final String VERSION = "meta.k8s.io/v1";

    public String encode() {
        ObjectNode json = Json.object();
        json.put("v", VERSION);
        json.put("rv", revision);
        json.put("start", start);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(json));
    }

    /** Decodes a client's token; anything this shim did not issue is a 400. */
    public static ContinueToken decode(String token) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw invalid("not a continue token this server issued");
        }
        if (!VERSION.equals(Json.text(json.path("v"), "")) || !json.path("rv").canConvertToLong()
                || !json.path("start").isString()) {
            throw invalid("not a continue token this server issued");
        }
        long revision = json.path("rv").asLong();
        String start = json.path("start").stringValue();
        if (revision <= 0 || start.startsWith("/") || start.contains("..")) {
            throw invalid("the token names no valid position");
        }
        return new ContinueToken(revision, start);
    }

    private static ApiException invalid(String why) {
        return ApiException.badRequest("continue key is not valid: " + why);
    }
}
