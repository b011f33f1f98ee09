package dev.berth.store.client;

import dev.berth.store.mvcc.EtcdError;
import io.vertx.grpc.common.GrpcStatus;

/** Why a {@link StoreClient} call failed: a closed set, so callers can tell "refused" from "maybe applied". */
public abstract sealed class StoreClientException extends RuntimeException {

    StoreClientException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The store answered with an etcd error (the exact text etcd clients match on); nothing was written. */
    public static final class Refused extends StoreClientException {
        private final GrpcStatus status;
        private final String etcdMessage;

        Refused(String operation, String endpoint, GrpcStatus status, String etcdMessage) {
            super(operation + " refused by " + endpoint + ": " + etcdMessage + " (gRPC " + status + ")", null);
            this.status = status;
            this.etcdMessage = etcdMessage;
        }

        public GrpcStatus status() {
            return status;
        }

        /** etcd's error text, e.g. "etcdserver: mvcc: required revision has been compacted". */
        public String etcdMessage() {
            return etcdMessage;
        }

        /** The revision asked for has been compacted: read again at a newer one (Kubernetes: 410 Gone). */
        public boolean compacted() {
            return EtcdError.COMPACTED.message().equals(etcdMessage);
        }
    }

    /** No member served the call within the attempts and deadline; it was not applied. */
    public static final class Unavailable extends StoreClientException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A write reached a member but no answer came back (timeout, connection lost, member stopping): it may or may
     * not have been applied, so the client did not repeat it. Read before retrying, or retry as a txn whose compare
     * makes a second application harmless (create_revision = 0, mod_revision = the one read).
     */
    public static final class OutcomeUnknown extends StoreClientException {
        OutcomeUnknown(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
