package dev.berth.shim.openapi;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.rest.Responses;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Serves the OpenAPI documents kubectl reads before {@code apply} and {@code explain}: v3 ({@code /openapi/v3} and
 * one document per group version), whose PATCH operations list {@code fieldValidation} so that kubectl 1.32 leaves
 * validation to the server, and v2 ({@code /openapi/v2}), which kubectl 1.20 validates manifests against.
 */
public final class OpenApiRoutes {
    private static final String PREFIX = "/openapi/v3";
    private static final String V2 = "/openapi/v2";
    /**
     * The protobuf answer's label: the media type client-go asks for contains an {@code @}, which Go's
     * {@code mime.ParseMediaType} (run by client-go on every answer's Content-Type) rejects, so the body goes out
     * as plain octets, which client-go hands over as they are.
     */
    private static final String PROTOBUF_CONTENT_TYPE = "application/octet-stream";

    private final OpenApiDocuments documents;

    public OpenApiRoutes(ResourceCatalog catalog) {
        this.documents = new OpenApiDocuments(catalog);
    }

    public void install(Router router) {
        router.get(V2).handler(ctx -> {
            if (asksForProtobuf(ctx.request().getHeader("Accept"))) {
                ctx.response().putHeader("Content-Type", PROTOBUF_CONTENT_TYPE)
                        .end(Buffer.buffer(documents.v2Protobuf()));
            } else {
                send(ctx, documents.v2Json(), false);
            }
        });
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

    /** Whether an {@code Accept} header asks for gnostic's protobuf, as client-go's {@code OpenAPISchema()} does. */
    public static boolean asksForProtobuf(String accept) {
        return accept != null && accept.contains("com.github.proto-openapi.spec.v2");
    }

    private static void send(RoutingContext ctx, byte[] body, boolean immutable) {
        ctx.response().putHeader("Content-Type", "application/json");
        if (immutable) {
            ctx.response().putHeader("Cache-Control", "public, immutable");
        }
        ctx.response().end(Buffer.buffer(body));
    }
}
