package dev.berth.app.scheduler.debug;

import dev.berth.app.simulate.SimulationJson;
import dev.berth.framework.queue.SchedulingQueue;
import dev.berth.framework.simulate.AttemptExplanation;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The scheduler's debugging endpoints: {@code /debug/queue} (pending pods and why), {@code /debug/attempts} (the
 * last attempts kept), {@code /debug/explain/<namespace>/<pod>} (one pod's last attempt in {@code berth simulate}'s
 * JSON) and {@code /ui}, a page that shows the three.
 */
public final class DebugEndpoints {
    private static final String EXPLAIN = "/debug/explain/";
    private static final String JSON_TYPE = "application/json";
    private static final String UI_PAGE = load("ui.html");

    private final Supplier<SchedulingQueue> queue;
    private final RecentAttempts attempts;

    /** @param queue the queue of the scheduler running now (a config reload replaces it) */
    public DebugEndpoints(Supplier<SchedulingQueue> queue, RecentAttempts attempts) {
        this.queue = queue;
        this.attempts = attempts;
    }

    private static String load(String resource) {
        try (InputStream in = DebugEndpoints.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code request} if its path is one of these endpoints; false leaves it to the caller. */
    public boolean answer(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/ui") || path.equals("/ui/")) {
            request.response().putHeader("content-type", "text/html; charset=utf-8").end(UI_PAGE);
        } else if (path.equals("/debug/queue")) {
            json(request, 200, DebugJson.queue(queue.get().pendingCounts(), queue.get().pendingPods(), attempts));
        } else if (path.equals("/debug/attempts")) {
            json(request, 200, DebugJson.attempts(attempts));
        } else if (path.startsWith(EXPLAIN)) {
            explain(request, path.substring(EXPLAIN.length()));
        } else {
            return false;
        }
        return true;
    }

    private void explain(HttpServerRequest request, String namespaceAndName) {
        String[] parts = namespaceAndName.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            text(request, 400, "want /debug/explain/<namespace>/<pod>, got " + request.path());
            return;
        }
        attempts.last(parts[0], parts[1]).ifPresentOrElse(
                attempt -> json(request, 200, SimulationJson.format(AttemptExplanation.of(attempt))),
                () -> text(request, 404, "no attempt of pod " + parts[0] + "/" + parts[1] + " is recorded: the "
                        + attempts.capacity() + " most recently attempted pods are kept (--explain-history)"));
    }

    private static void json(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("content-type", JSON_TYPE).end(body);
    }

    private static void text(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("content-type", "text/plain").end(body);
    }
}
