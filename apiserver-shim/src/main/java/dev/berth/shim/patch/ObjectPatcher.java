package dev.berth.shim.patch;

import dev.berth.shim.resource.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a PATCH body to the current object: the hook the patch library (JSON patch, merge patch, strategic merge)
 * plugs into. The shim reads the current object, calls {@link #apply}, and writes the result through the same
 * optimistic-concurrency path as an update. Failures are thrown as {@link dev.berth.shim.error.ApiException}.
 */
public interface ObjectPatcher {

    /** A patcher for no patch type: every PATCH is answered 415 naming its content type. */
    ObjectPatcher NONE = new ObjectPatcher() {
        @Override
        public boolean supports(String mediaType) {
            return false;
        }

        @Override
        public ObjectNode apply(String mediaType, ResourceType type, ObjectNode current, byte[] body) {
            throw new UnsupportedOperationException("no patch type is supported");
        }
    };

    /** Whether this patcher handles bodies of {@code mediaType} (e.g. {@code application/merge-patch+json}). */
    boolean supports(String mediaType);

    /** The patched object; {@code current} is the caller's copy and may be modified. */
    ObjectNode apply(String mediaType, ResourceType type, ObjectNode current, byte[] body);
}
