package dev.berth.store.mvcc;

/**
 * A KV request the store refused, with nothing written: the message is etcd's, for the API layer to send back as
 * the gRPC error {@link EtcdError#grpcCode()}.
 */
public final class MvccException extends RuntimeException {

    private final EtcdError error;

    public MvccException(EtcdError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public EtcdError error() {
        return error;
    }
}
