package dev.berth.shim.patch;

import java.util.Optional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A patch that cannot be applied, with the {@code metav1.Status} kube-apiserver answers for it. Failures the
 * apiserver reports through {@code NewGenericServerResponse} (a JSON patch operation that does not apply, a failed
 * {@code test}) carry the patch library's message as a cause under the generic 422 message, which is what kubectl
 * prints as "The request is invalid: the server rejected our request due to an error in our request".
 */
public final class PatchException extends Exception {

    /** The HTTP status and {@code metav1.StatusReason} of a patch failure. */
    public enum Reason {
        BAD_REQUEST(400, "BadRequest"),
        UNSUPPORTED_MEDIA_TYPE(415, "UnsupportedMediaType"),
        REQUEST_ENTITY_TOO_LARGE(413, "RequestEntityTooLarge"),
        INVALID(422, "Invalid");

        private final int code;
        private final String reason;

        Reason(int code, String reason) {
            this.code = code;
            this.reason = reason;
        }

        public int code() {
            return code;
        }

        /** The {@code reason} field of the Status. */
        public String statusReason() {
            return reason;
        }
    }

    private static final String GENERIC_INVALID = "the server rejected our request due to an error in our request";

    private final Reason reason;
    private final String cause;

    private PatchException(Reason reason, String message, String cause) {
        super(message);
        this.reason = reason;
        this.cause = cause;
    }

    static PatchException badRequest(String message) {
        return new PatchException(Reason.BAD_REQUEST, message, null);
    }

    /** A patch that is well-formed but does not apply to the object (HTTP 422). */
    static PatchException rejected(String patchLibraryMessage) {
        return new PatchException(Reason.INVALID, GENERIC_INVALID, patchLibraryMessage);
    }

    static PatchException unsupportedMediaType(String acceptedMediaTypes) {
        return new PatchException(Reason.UNSUPPORTED_MEDIA_TYPE,
                "the body of the request was in an unknown format - accepted media types include: "
                        + acceptedMediaTypes, null);
    }

    static PatchException tooManyOperations(int maximum, int got) {
        return new PatchException(Reason.REQUEST_ENTITY_TOO_LARGE, "Request entity too large: The allowed maximum "
                + "operations in a JSON patch is " + maximum + ", got " + got, null);
    }

    public int code() {
        return reason.code();
    }

    public Reason reason() {
        return reason;
    }

    /** What the patch library said, when the Status message is the apiserver's generic one. */
    public Optional<String> cause() {
        return Optional.ofNullable(cause);
    }

    /** The {@code metav1.Status} body of the error response. */
    public ObjectNode status() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", getMessage());
        status.put("reason", reason.statusReason());
        if (cause != null) {
            status.putObject("details").putArray("causes").addObject()
                    .put("reason", "UnexpectedServerResponse")
                    .put("message", cause);
        }
        status.put("code", reason.code());
        return status;
    }
}
