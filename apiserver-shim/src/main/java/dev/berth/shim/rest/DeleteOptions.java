package dev.berth.shim.rest;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.storage.StoredObject;
import tools.jackson.databind.node.ObjectNode;

/**
 * The options of a delete (metav1.DeleteOptions, from the body and the {@code gracePeriodSeconds} query parameter):
 * the grace period ({@link #DEFAULT_GRACE}: the object's own) and the uid / resourceVersion preconditions
 * ({@code ""}: none).
 */
public record DeleteOptions(long gracePeriodSeconds, String uid, String resourceVersion) {
    public static final long DEFAULT_GRACE = -1;
    public static final DeleteOptions DEFAULTS = new DeleteOptions(DEFAULT_GRACE, "", "");

    /** The options in {@code body} (null: none sent), overridden by the query parameter when present. */
    public static DeleteOptions parse(ObjectNode body, String gracePeriodParameter) {
        ObjectNode options = body == null ? Json.object() : body;
        long grace = options.path("gracePeriodSeconds").canConvertToLong()
                ? options.path("gracePeriodSeconds").asLong() : DEFAULT_GRACE;
        if (gracePeriodParameter != null && !gracePeriodParameter.isEmpty()) {
            grace = ListOptions.revision(gracePeriodParameter);
        }
        if (options.path("gracePeriodSeconds").canConvertToLong() && grace < 0) {
            throw ApiException.badRequest("gracePeriodSeconds: Invalid value: " + grace + ": must be >= 0");
        }
        return new DeleteOptions(grace, Json.text(options.path("preconditions").path("uid"), ""),
                Json.text(options.path("preconditions").path("resourceVersion"), ""));
    }

    public DeleteOptions withGrace(long seconds) {
        return new DeleteOptions(seconds, uid, resourceVersion);
    }

    /** 409 when a precondition does not hold for {@code current}, in kube-apiserver's words. */
    public void check(ResourceType type, String name, StoredObject current) {
        String currentUid = Json.text(current.object().path("metadata").path("uid"), "");
        if (!uid.isEmpty() && !uid.equals(currentUid)) {
            throw ApiException.conflict(type, name, "Precondition failed: UID in precondition: " + uid
                    + ", UID in object meta: " + currentUid);
        }
        String currentVersion = Long.toString(current.modRevision());
        if (!resourceVersion.isEmpty() && !resourceVersion.equals(currentVersion)) {
            throw ApiException.conflict(type, name, "Precondition failed: ResourceVersion in precondition: "
                    + resourceVersion + ", ResourceVersion in object meta: " + currentVersion);
        }
    }
}
