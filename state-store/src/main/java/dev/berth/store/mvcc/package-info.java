/**
 * Berth's etcd-compatible multi-version key-value store ({@link dev.berth.store.mvcc.MvccStore}), the state
 * machine a store member replicates through Raft: etcd's revisions, key index with generations and tombstones,
 * range, put, delete range, txn and compaction with etcd 3.4's semantics and error messages, and etcd's HashKV.
 * Values live off the heap in a Chronicle Map keyed by revision; the Raft WAL, not the map, makes writes durable.
 * Leases and watches build on it later: a {@link dev.berth.store.mvcc.LeaseChecker} lets the lessor refuse unknown
 * leases, and {@link dev.berth.store.mvcc.RequestChecks} lets the API layer refuse bad requests before proposing
 * them.
 */
package dev.berth.store.mvcc;
