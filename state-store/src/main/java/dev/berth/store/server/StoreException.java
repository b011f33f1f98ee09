package dev.berth.store.server;

/** Why a store request failed; the API layers map each kind to the error its clients expect. */
public sealed class StoreException extends RuntimeException {
    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No answer in time: the outcome is unknown (etcd: "request timed out"). */
    public static final class Timeout extends StoreException {
        public Timeout(String message) {
            super(message, null);
        }
    }

    /** Refused before anything was written (no leader, transfer in progress, too many pending requests). */
    public static final class Unavailable extends StoreException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The member is shutting down or was stopped by a fault; nothing more will be applied here. */
    public static final class Stopped extends StoreException {
        public Stopped(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
