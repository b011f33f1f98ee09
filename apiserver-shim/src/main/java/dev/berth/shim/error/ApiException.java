package dev.berth.shim.error;

import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceType;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request failed the way kube-apiserver fails it: an HTTP code, a Status reason and kube-apiserver's message, so
 * clients that key on reason or wording (kubectl, client-go, fabric8) behave as against a real cluster.
 */
public final class ApiException extends RuntimeException {
    private final int code;
    private final String reason;
    private final String name;
    private final String group;
    private final String kind;
    private final List<StatusCause> causes;

    private ApiException(int code, String reason, String message, String name, String group, String kind,
                         List<StatusCause> causes) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.name = name;
        this.group = group;
        this.kind = kind;
        this.causes = List.copyOf(causes);
    }

    private static ApiException of(int code, String reason, String message) {
        return new ApiException(code, reason, message, "", "", "", List.of());
    }

    private static ApiException about(int code, String reason, String message, ResourceType type, String name) {
        return new ApiException(code, reason, message, name, type.group(), type.resource(), List.of());
    }

    public static ApiException notFound(ResourceType type, String name) {
        return about(404, "NotFound", type.qualifiedName() + " \"" + name + "\" not found", type, name);
    }

    public static ApiException alreadyExists(ResourceType type, String name) {
        return about(409, "AlreadyExists", type.qualifiedName() + " \"" + name + "\" already exists", type, name);
    }

    /** 409 Conflict: {@code Operation cannot be fulfilled on pods "x": <why>}. */
    public static ApiException conflict(ResourceType type, String name, String why) {
        return conflict(type.qualifiedName(), type, name, why);
    }

    /** A conflict on a subresource ({@code pods/binding}), which kube-apiserver names by its qualified path. */
    public static ApiException conflict(String resourceName, ResourceType type, String name, String why) {
        return about(409, "Conflict", "Operation cannot be fulfilled on " + resourceName + " \"" + name + "\": " + why,
                type, name);
    }

    /** The optimistic-concurrency conflict: the resourceVersion sent is not the stored one. */
    public static ApiException modified(ResourceType type, String name) {
        return conflict(type, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    /** 422 Invalid: {@code Pod "x" is invalid: <cause>, <cause>}. */
    public static ApiException invalid(ResourceType type, String name, List<StatusCause> causes) {
        String summary = causes.size() == 1 ? causes.get(0).field() + ": " + causes.get(0).message()
                : "[" + String.join(", ", causes.stream().map(c -> c.field() + ": " + c.message()).toList()) + "]";
        return new ApiException(422, "Invalid", type.kind() + " \"" + name + "\" is invalid: " + summary, name,
                type.group(), type.kind(), causes);
    }

    /** 401: no or an unknown bearer token. */
    public static ApiException unauthorized() {
        return of(401, "Unauthorized", "Unauthorized");
    }

    /** A failure another library already shaped as a Status: its code, reason, message and causes. */
    public static ApiException of(int code, String reason, String message, List<StatusCause> causes) {
        return new ApiException(code, reason, message, "", "", "", causes);
    }

    public static ApiException badRequest(String message) {
        return of(400, "BadRequest", message);
    }

    /** 403, for requests kube-apiserver's admission refuses (deleting kube-system, creating in a terminating namespace). */
    public static ApiException forbidden(ResourceType type, String name, String why) {
        return about(403, "Forbidden", type.qualifiedName() + " \"" + name + "\" is forbidden: " + why, type, name);
    }

    /** 410 Expired: the revision asked for has been compacted. */
    public static ApiException expired(String message) {
        return of(410, "Expired", message);
    }

    public static ApiException unknownPath() {
        return of(404, "NotFound", "the server could not find the requested resource");
    }

    public static ApiException methodNotAllowed() {
        return of(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    }

    public static ApiException unsupportedMediaType(String contentType) {
        return of(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media "
                + "types include: application/json, application/yaml (got \"" + contentType + "\")");
    }

    public static ApiException tooLarge(long limit) {
        return of(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit);
    }

    /** 429, with causes (e.g. the disruption budget that refused an eviction). */
    public static ApiException tooManyRequests(String message, List<StatusCause> causes) {
        return new ApiException(429, "TooManyRequests", message, "", "", "", causes);
    }

    /** 504: the store did not answer in time, or a write's outcome is unknown (the client should read and retry). */
    public static ApiException timeout(String message) {
        return of(504, "Timeout", message);
    }

    /** 503: no store member could serve the request; nothing was written. */
    public static ApiException unavailable(String message) {
        return of(503, "ServiceUnavailable", message);
    }

    public static ApiException internal(String message) {
        return of(500, "InternalError", "Internal error occurred: " + message);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The metav1.Status object that carries this failure. */
    public ObjectNode toStatus() {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", getMessage());
        status.put("reason", reason);
        ObjectNode details = status.putObject("details");
        if (!name.isEmpty()) {
            details.put("name", name);
        }
        if (!group.isEmpty()) {
            details.put("group", group);
        }
        if (!kind.isEmpty()) {
            details.put("kind", kind);
        }
        if (!causes.isEmpty()) {
            ArrayNode array = details.putArray("causes");
            for (StatusCause cause : causes) {
                ObjectNode c = array.addObject();
                c.put("reason", cause.reason());
                c.put("message", cause.message());
                if (!cause.field().isEmpty()) {
                    c.put("field", cause.field());
                }
            }
        }
        status.put("code", code);
        return status;
    }
}
