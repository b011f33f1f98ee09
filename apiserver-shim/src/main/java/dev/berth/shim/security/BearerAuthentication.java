package dev.berth.shim.security;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.rest.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request through only with a bearer token from the token file, as kube-apiserver's
 * {@code --token-auth-file} does; anything else gets 401 Unauthorized as a Status (anonymous requests included).
 */
public final class BearerAuthentication implements Handler<RoutingContext> {
    private final BearerTokens tokens;

    public BearerAuthentication(BearerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (tokens.authenticate(ctx.request().getHeader("Authorization")).isPresent()) {
            ctx.next();
        } else {
            Responses.failure(ctx.response(), ApiException.unauthorized());
        }
    }
}
