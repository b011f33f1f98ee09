package dev.berth.shim.openapi;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.rest.Responses;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Serves the OpenAPI v3 documents kubectl reads before {@code apply} ({@code /openapi/v3} and one document per group
 * version). Their PATCH operations list {@code fieldValidation}, so kubectl leaves validation to the server.
 */
public final class OpenApiRoutes {
    private static final String PREFIX = "/openapi/v3";

    private final OpenApiDocuments documents;

    public OpenApiRoutes(ResourceCatalog catalog) {
        this.documents = new OpenApiDocuments(catalog);
    }

    public void install(Router router) {
        router.get(PREFIX).handler(ctx -> send(ctx, documents.v3Index(), false));
        router.get(PREFIX + "/*").handler(ctx -> {
            String rest = ctx.request().path().substring(PREFIX.length() + 1);
            Optional<byte[]> document = documents.v3Document(rest);
            if (document.isEmpty()) {
                Responses.failure(ctx.response(), ApiException.unknownPath());
                return;
            }
            boolean pinned = documents.v3Hash(rest).filter(h -> h.equals(ctx.request().getParam("hash"))).isPresent();
            send(ctx, document.get(), pinned);
        });
    }

    private static void send(RoutingContext ctx, byte[] body, boolean immutable) {
        ctx.response().putHeader("Content-Type", "application/json");
        if (immutable) {
            ctx.response().putHeader("Cache-Control", "public, immutable");
        }
        ctx.response().end(Buffer.buffer(body));
    }
}
