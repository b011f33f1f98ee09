package dev.berth.store.etcd;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Turns a store call (completing on one of the member's threads) into the gRPC handler's Vert.x future,
 * completing back on the handler's event loop, with failures mapped to etcd's errors.
 */
final class StoreCalls {
    private StoreCalls() {}

    static <R> Future<R> answer(CompletionStage<R> call) {
        return answer(call, Function.identity());
    }

    static <T, R> Future<R> answer(CompletionStage<T> call, Function<T, R> toResponse) {
        Context context = Vertx.currentContext();
        Future<T> result = context != null ? Future.fromCompletionStage(call, context) : Future.fromCompletionStage(call);
        return result.map(toResponse).recover(failure -> Future.failedFuture(EtcdErrors.toStatus(failure)));
    }
}
