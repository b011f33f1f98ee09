package dev.berth.store.mvcc;

/**
 * One lease of the replicated lease table, as every member holds it after applying the same commands: when it
 * expires is not replicated (only the leader's lessor decides that), what it was granted and last checkpointed is.
 *
 * @param id the lease id
 * @param ttl the granted TTL in seconds, already raised to the minimum TTL
 * @param remainingTtl the remaining TTL in seconds as last checkpointed, 0 if there is no checkpoint
 */
public record Lease(long id, long ttl, long remainingTtl) {
}
