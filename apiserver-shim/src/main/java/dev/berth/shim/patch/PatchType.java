package dev.berth.shim.patch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The PATCH body formats the shim accepts, named by the request's {@code Content-Type}. */
public enum PatchType {
    /** RFC 6902: a list of add/remove/replace/move/copy/test operations. */
    JSON_PATCH("application/json-patch+json"),
    /** RFC 7386: a partial object; {@code null} removes, lists are replaced. */
    MERGE_PATCH("application/merge-patch+json"),
    /** Kubernetes' own: a partial object whose lists merge by the keys the built-in types declare. */
    STRATEGIC_MERGE_PATCH("application/strategic-merge-patch+json");

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The patch type of a {@code Content-Type} header value; parameters such as {@code charset} are ignored. */
    public static Optional<PatchType> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.mediaType.equals(bare)).findFirst();
    }
}
