package dev.berth.shim.rest;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import tools.jackson.databind.node.ObjectNode;

/** Writes JSON answers and Status failures. */
public final class Responses {
    private Responses() {
    }

    public static void json(HttpServerResponse response, int code, ObjectNode body) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            // A streaming answer (a watch) has begun: it can only be ended, no longer answered with a Status.
            response.end();
            return;
        }
        response.setStatusCode(code).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(Json.bytes(body)));
    }

    public static void failure(HttpServerResponse response, ApiException failure) {
        json(response, failure.code(), failure.toStatus());
    }

    /** The Success Status naming a deleted object (group, kind = the plural resource, name, uid), as kube-apiserver sends. */
    public static ObjectNode deleted(ResourceType type, ObjectNode object) {
        ObjectNode status = success(200);
        status.remove("code");
        ObjectNode details = status.putObject("details");
        details.put("name", Json.name(object));
        details.put("group", type.group());
        details.put("kind", type.resource());
        details.put("uid", Json.text(object.path("metadata").path("uid"), ""));
        return status;
    }

    /** A Success Status (what binding and eviction answer). */
    public static ObjectNode success(int code) {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        status.put("code", code);
        return status;
    }
}
