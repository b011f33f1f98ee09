package dev.berth.store.mvcc;

import dev.berth.store.server.RejectedCommandException;

/**
 * A KV request the store refused, with nothing written: the message is etcd's, for the API layer to send back as
 * the gRPC error {@link EtcdError#grpcCode()}.
 */
public final class MvccException extends RejectedCommandException {

    private final EtcdError error;

    public MvccException(EtcdError error) {
        super(error.message());
        this.error = error;
    }

    public EtcdError error() {
        return error;
    }
}
