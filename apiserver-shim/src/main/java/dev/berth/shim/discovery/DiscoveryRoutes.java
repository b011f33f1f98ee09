package dev.berth.shim.discovery;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.rest.Responses;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Serves the discovery documents and the health endpoints ({@code /healthz}, {@code /readyz}, {@code /livez}: "ok"). */
public final class DiscoveryRoutes {
    private final DiscoveryDocuments documents;

    public DiscoveryRoutes(DiscoveryDocuments documents) {
        this.documents = documents;
    }

    /** Health endpoints: outside authentication, as kube-apiserver lets anyone probe them. */
    public static void installHealth(Router router) {
        for (String path : new String[] {"/healthz", "/readyz", "/livez"}) {
            router.get(path).handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("ok"));
        }
    }

    public void install(Router router) {
        router.get("/version").handler(ctx -> Responses.json(ctx.response(), 200, DiscoveryDocuments.version()));
        router.get("/api").handler(ctx -> Responses.json(ctx.response(), 200,
                documents.coreVersions(ctx.request().authority() == null ? "" : ctx.request().authority().toString())));
        router.get("/api/:version").handler(ctx -> answer(ctx, documents.resources("", ctx.pathParam("version"))));
        router.get("/apis").handler(ctx -> Responses.json(ctx.response(), 200, documents.groups()));
        router.get("/apis/:group").handler(ctx -> answer(ctx, documents.group(ctx.pathParam("group"))));
        router.get("/apis/:group/:version").handler(ctx ->
                answer(ctx, documents.resources(ctx.pathParam("group"), ctx.pathParam("version"))));
    }

    private static void answer(RoutingContext ctx, Optional<ObjectNode> document) {
        HttpServerResponse response = ctx.response();
        document.ifPresentOrElse(d -> Responses.json(response, 200, d),
                () -> Responses.failure(response, ApiException.unknownPath()));
    }
}
