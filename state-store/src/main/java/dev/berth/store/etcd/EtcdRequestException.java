package dev.berth.store.etcd;

import io.vertx.grpc.common.GrpcStatus;

/**
 * A request etcd would refuse, with etcd's gRPC status and message (for instance
 * {@code InvalidArgument "etcdserver: key is not provided"}). Thrown by request validation and by the
 * state machine; deterministic, so every member refuses the same request the same way.
 */
public final class EtcdRequestException extends RuntimeException {
    private final GrpcStatus status;

    public EtcdRequestException(GrpcStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public GrpcStatus status() {
        return status;
    }
}
