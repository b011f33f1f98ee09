package dev.berth.shim;

import dev.berth.shim.patch.ObjectPatcher;
import dev.berth.shim.rest.ResponseRenderer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.function.UnaryOperator;

/**
 * What other modules plug into the server, each in one place: TLS (a change to the HTTP server options), an
 * authentication handler run before every API route (discovery and resources, not the health probes), the PATCH
 * implementation and the get/list renderer (Table). {@link #none()} is plain HTTP, no authentication, PATCH
 * answered 415, objects rendered as they are.
 */
public record ShimExtensions(UnaryOperator<HttpServerOptions> tls, Handler<RoutingContext> authentication,
                             ObjectPatcher patcher, ResponseRenderer renderer) {

    public static ShimExtensions none() {
        return new ShimExtensions(UnaryOperator.identity(), RoutingContext::next, ObjectPatcher.NONE,
                ResponseRenderer.AS_IS);
    }

    public ShimExtensions withTls(UnaryOperator<HttpServerOptions> tls) {
        return new ShimExtensions(tls, authentication, patcher, renderer);
    }

    public ShimExtensions withAuthentication(Handler<RoutingContext> authentication) {
        return new ShimExtensions(tls, authentication, patcher, renderer);
    }

    public ShimExtensions withPatcher(ObjectPatcher patcher) {
        return new ShimExtensions(tls, authentication, patcher, renderer);
    }

    public ShimExtensions withRenderer(ResponseRenderer renderer) {
        return new ShimExtensions(tls, authentication, patcher, renderer);
    }
}
