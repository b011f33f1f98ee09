package dev.berth.shim.patch;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.error.StatusCause;
import dev.berth.shim.resource.ResourceType;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The server's PATCH hook, done by {@link Patcher}: JSON patch, merge patch and strategic merge patch. */
public final class LibraryPatcher implements ObjectPatcher {
    private final Patcher patcher = new Patcher();

    @Override
    public boolean supports(String mediaType) {
        return PatchType.fromContentType(mediaType).isPresent();
    }

    @Override
    public ObjectNode apply(String mediaType, ResourceType type, ObjectNode current, byte[] body) {
        PatchType patchType = PatchType.fromContentType(mediaType)
                .orElseThrow(() -> ApiException.unsupportedMediaType(mediaType));
        try {
            return patcher.apply(patchType, type, current, body);
        } catch (PatchException e) {
            List<StatusCause> causes = e.cause()
                    .map(c -> List.of(new StatusCause("UnexpectedServerResponse", c, ""))).orElse(List.of());
            throw ApiException.of(e.code(), e.reason().statusReason(), e.getMessage(), causes);
        }
    }
}
