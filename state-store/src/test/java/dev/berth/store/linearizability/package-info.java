/**
 * A linearizability checker for histories recorded by the store's tests: the deterministic Raft simulation and the
 * MVCC tests record what each client called, what it got back and when, and ask whether some single sequential order
 * of those operations, consistent with their real-time order, explains every response.
 *
 * <p>The search is Wing and Gong's backtracking algorithm with Lowe's memoization of (linearized operations, model
 * state) pairs, the same design as porcupine (github.com/anishathalye/porcupine). It lives in test sources because it
 * is a testing tool, not part of the store.
 *
 * <p>Entry point: {@link dev.berth.store.linearizability.LinearizabilityChecker#check}, with a
 * {@link dev.berth.store.linearizability.Model} such as {@link dev.berth.store.linearizability.KvModel}.
 */
package dev.berth.store.linearizability;
