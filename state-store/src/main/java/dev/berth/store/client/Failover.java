package dev.berth.store.client;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Sends a call to the current endpoint and, when an attempt fails in a way the retry rule ({@link FailureKind})
 * allows to repeat, moves to the next endpoint and tries again: at most {@link ClientOptions#maxAttempts()} attempts
 * within {@link ClientOptions#callTimeout()}, pausing after each full round of endpoints. The current endpoint is
 * shared by all calls, so once one call has found a working member the others go there first.
 */
final class Failover {
    private final Vertx vertx;
    private final List<Endpoint> endpoints;
    private final ClientOptions options;
    private final AtomicInteger current = new AtomicInteger();

    Failover(Vertx vertx, List<Endpoint> endpoints, ClientOptions options) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a remote store client needs at least one endpoint");
        }
        this.vertx = vertx;
        this.endpoints = List.copyOf(endpoints);
        this.options = options;
    }

    /**
     * Runs {@code attempt(endpoint, timeoutMillis)} until one succeeds or the client stops trying; then fails with the
     * {@link StoreClientException} {@link Attempts} chooses.
     */
    <R> Future<R> call(Operation operation, BiFunction<Endpoint, Long, Future<R>> attempt) {
        Promise<R> result = Promise.promise();
        long deadline = System.nanoTime() + options.callTimeout().toNanos();
        next(attempt, new Attempts(operation), deadline, result);
        return result.future();
    }

    private <R> void next(BiFunction<Endpoint, Long, Future<R>> attempt, Attempts attempts, long deadline,
            Promise<R> result) {
        int index = current.get();
        Endpoint endpoint = endpoints.get(index);
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        long timeout = Math.max(1, Math.min(remaining, options.attemptTimeout().toMillis()));
        attempt.apply(endpoint, timeout)
                // Covers connecting too, which the gRPC deadline of the request does not.
                .timeout(timeout, TimeUnit.MILLISECONDS)
                .onComplete(done -> {
                    if (done.succeeded()) {
                        result.complete(done.result());
                        return;
                    }
                    attempts.failed(endpoint.toString(), done.cause());
                    if (!attempts.mayRetry()) {
                        result.fail(attempts.giveUp());
                        return;
                    }
                    current.compareAndSet(index, (index + 1) % endpoints.size());
                    Duration pause = options.pauseBefore(attempts.count(), endpoints.size());
                    long left = deadline - System.nanoTime() - pause.toNanos();
                    if (attempts.count() >= options.maxAttempts() || left <= 0) {
                        result.fail(attempts.exhausted(attempts.count() + " attempts within " + options.callTimeout()));
                    } else if (pause.isZero()) {
                        next(attempt, attempts, deadline, result);
                    } else {
                        vertx.setTimer(pause.toMillis(), timer -> next(attempt, attempts, deadline, result));
                    }
                });
    }
}
