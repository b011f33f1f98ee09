package dev.berth.app.scheduler;

import dev.berth.app.scheduler.debug.DebugEndpoints;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The scheduler's own HTTP endpoints, as kube-scheduler serves them on its secure port: {@code /healthz} and
 * {@code /livez} (the process runs), {@code /readyz} (its informers have listed the cluster once) and
 * {@code /metrics} (Prometheus text format, upstream's metric names); and Berth's {@link DebugEndpoints}
 * ({@code /debug/queue}, {@code /debug/attempts}, {@code /debug/explain/<namespace>/<pod>}, {@code /ui}).
 */
final class SchedulerHttpServer implements AutoCloseable {
    private final HttpServer server;

    private SchedulerHttpServer(HttpServer server) {
        this.server = server;
    }

    static SchedulerHttpServer start(Vertx vertx, String host, int port, BooleanSupplier ready,
                                     PrometheusMeterRegistry metrics, DebugEndpoints debug) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (!debug.answer(request)) {
                answer(request, ready, metrics);
            }
        });
        return new SchedulerHttpServer(server.listen(port, host).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS));
    }

    private static void answer(HttpServerRequest request, BooleanSupplier ready, PrometheusMeterRegistry metrics) {
        switch (request.path()) {
            case "/healthz", "/livez" -> request.response().putHeader("content-type", "text/plain").end("ok");
            case "/readyz" -> {
                boolean isReady = ready.getAsBoolean();
                request.response().setStatusCode(isReady ? 200 : 503).putHeader("content-type", "text/plain")
                        .end(isReady ? "ok" : "informers not synced yet");
            }
            case "/metrics" -> request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape());
            default -> request.response().setStatusCode(404).putHeader("content-type", "text/plain")
                    .end("404 page not found: " + request.path() + " (try /healthz, /readyz, /metrics, /debug/queue, /debug/attempts, /debug/explain/<namespace>/<pod> or /ui)");
        }
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
