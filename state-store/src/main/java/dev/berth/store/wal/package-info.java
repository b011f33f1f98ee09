/**
 * Durability for the Raft core: the write-ahead log ({@link dev.berth.store.wal.Wal}) that persists each Ready
 * batch of entries and hard state before the node acts on it, the snapshot files
 * ({@link dev.berth.store.wal.SnapshotFiles}) that let the log be released, and a probe of the disk's raw fsync
 * rate ({@link dev.berth.store.wal.FsyncProbe}) to put Raft throughput numbers in context.
 *
 * <p>Recovery never guesses: a write torn by a crash at the very end of the log is cut away, anything else that
 * does not check out stops the member with an exception that names the file and byte offset.
 */
package dev.berth.store.wal;
