package dev.berth.store.raft;

/**
 * A log position the storage cannot serve: compacted into a snapshot, or not yet written; or a snapshot it cannot
 * read back just now.
 * The core reacts to it (sends a snapshot, probes again); it never escapes to callers.
 */
public final class StorageException extends RuntimeException {
    /** Why the position cannot be served. */
    public enum Reason { COMPACTED, UNAVAILABLE, SNAPSHOT_OUT_OF_DATE, SNAPSHOT_TEMPORARILY_UNAVAILABLE }

    private final Reason reason;

    public StorageException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
