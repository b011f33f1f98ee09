/**
 * The replicated state store (planned, see DESIGN.md): Raft consensus, the WAL and snapshots, the MVCC key-value store with watch and leases, and the etcd v3 gRPC API.
 */
package dev.berth.store;
