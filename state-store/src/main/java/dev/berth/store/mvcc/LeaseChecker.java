package dev.berth.store.mvcc;

/**
 * Tells the store whether a lease exists, so that a put attached to an unknown lease fails with etcd's
 * {@link EtcdError#LEASE_NOT_FOUND}. The lessor provides it; until there is one, every lease is accepted and only
 * recorded on the key. Called while a command is applied, so it must answer from replicated state alone.
 */
@FunctionalInterface
public interface LeaseChecker {

    /** Accepts every lease. */
    LeaseChecker ACCEPT_ALL = lease -> true;

    boolean exists(long leaseId);
}
