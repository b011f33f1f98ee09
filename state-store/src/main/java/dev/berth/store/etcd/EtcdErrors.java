package dev.berth.store.etcd;

import dev.berth.store.mvcc.MvccException;
import dev.berth.store.server.StoreException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Failures as etcd reports them: the gRPC status and the exact message text clients match on (etcd's
 * rpctypes), so etcdctl, jetcd and kube-apiserver react as they would to etcd.
 */
final class EtcdErrors {
    static final String TIMEOUT = "etcdserver: request timed out";
    static final String NO_LEADER = "etcdserver: no leader";
    static final String STOPPED = "etcdserver: server stopped";
    static final String MEMBER_NOT_FOUND = "etcdserver: member not found";
    static final String MEMBER_NOT_LEARNER = "etcdserver: can only promote a learner member";
    static final String UNHEALTHY = "etcdserver: unhealthy cluster";

    private EtcdErrors() {}

    /** {@code call}, failing with the etcd-shaped error of its failure. */
    static <T> CompletableFuture<T> shaped(CompletionStage<T> call) {
        return call.exceptionallyCompose(failure -> CompletableFuture.failedFuture(toStatus(failure))).toCompletableFuture();
    }

    /** The gRPC error for a failed store call; an etcd-shaped error passes through unchanged. */
    static StatusException toStatus(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof StatusException status) {
            return status;
        }
        if (t instanceof MvccException refused) {
            return new StatusException(GrpcStatus.valueOf(refused.error().grpcCode()), refused.error().message());
        }
        if (t instanceof StoreException.Timeout || t instanceof java.util.concurrent.TimeoutException) {
            return new StatusException(GrpcStatus.UNAVAILABLE, TIMEOUT);
        }
        if (t instanceof StoreException.Unavailable) {
            return new StatusException(GrpcStatus.UNAVAILABLE, NO_LEADER);
        }
        if (t instanceof StoreException.Stopped) {
            return new StatusException(GrpcStatus.UNAVAILABLE, STOPPED);
        }
        return new StatusException(GrpcStatus.UNKNOWN, "etcdserver: " + t.getMessage());
    }
}
