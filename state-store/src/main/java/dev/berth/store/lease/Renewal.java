package dev.berth.store.lease;

/**
 * What a keep-alive got from the lessor: a closed set, so the service answers each case.
 */
public sealed interface Renewal {

    /** The lease runs again for {@code ttl} seconds; {@code clearCheckpoint} asks to propose remaining TTL 0. */
    record Renewed(long ttl, boolean clearCheckpoint) implements Renewal {
    }

    /** The lease does not exist, or has expired and waits for its revoke: etcd answers TTL 0. */
    record NotFound() implements Renewal {
    }

    /** This member is not the leader, so it does not keep expiry times. */
    record NotLeader() implements Renewal {
    }
}
