package dev.berth.store.mvcc;

import java.util.Collection;

/**
 * Hears about changes of the replicated lease table, so that the member's lessor can track expiry times without
 * being part of the state machine. Called on the member's Raft or apply thread while a command is applied, or a
 * snapshot restored, after the change; it must be quick and must not call back into the store's write path.
 */
public interface LeaseListener {

    /** Hears nothing. */
    LeaseListener NONE = new LeaseListener() {
        @Override
        public void granted(Lease lease) {
        }

        @Override
        public void revoked(long id) {
        }

        @Override
        public void renewed(Lease lease) {
        }

        @Override
        public void replaced(Collection<Lease> leases) {
        }
    };

    /** A lease was granted (or re-checkpointed: the record carries the new remaining TTL). */
    void granted(Lease lease);

    /** A keep-alive came through the log (from a follower): the primary runs the lease for its full TTL again. */
    void renewed(Lease lease);

    /** A lease was revoked; its keys are deleted. */
    void revoked(long id);

    /** The whole table was replaced by a restored snapshot or a recovered backend. */
    void replaced(Collection<Lease> leases);
}
