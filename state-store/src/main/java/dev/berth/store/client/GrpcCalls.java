package dev.berth.store.client;

import io.vertx.core.Future;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.util.concurrent.TimeUnit;

/**
 * One request, one answer, over the generated services' methods. Not the generated stubs' own calls: they fail with
 * the status alone, and the retry rule needs etcd's message ("etcdserver: not leader") too.
 */
final class GrpcCalls {
    private final GrpcClient grpc;

    GrpcCalls(GrpcClient grpc) {
        this.grpc = grpc;
    }

    /** Sends {@code request} to {@code endpoint}; an error status fails as {@link StoreClientException.Refused}. */
    <Req, Resp> Future<Resp> call(Operation operation, Endpoint endpoint, ServiceMethod<Resp, Req> method, Req request,
            long timeoutMillis) {
        return grpc.request(endpoint.address(), method)
                .compose(call -> call.timeout(timeoutMillis, TimeUnit.MILLISECONDS).send(request))
                .compose(response -> response.last().recover(failure -> Future.failedFuture(refusal(operation, endpoint,
                        response, failure))));
    }

    static Throwable refusal(Operation operation, Endpoint endpoint, GrpcClientResponse<?, ?> response, Throwable failure) {
        GrpcStatus status = response.status();
        if (status == null || status == GrpcStatus.OK) {
            return failure;
        }
        String message = response.statusMessage() != null ? response.statusMessage() : status.toString();
        return new StoreClientException.Refused(operation.toString(), endpoint.toString(), status, message);
    }
}
