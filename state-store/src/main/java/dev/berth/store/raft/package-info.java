/**
 * A deterministic Raft core in the style of etcd-io/raft: no threads, clocks or I/O inside.
 *
 * <p>The owner drives a {@link dev.berth.store.raft.RaftNode} with {@code tick()} (its logical clock),
 * {@code step(message)} (messages from peers) and the client calls ({@code propose},
 * {@code readIndex}, {@code transferLeadership}, ...), and then drains a {@link dev.berth.store.raft.Ready}
 * batch: persist its hard state and entries (one fsync), send its messages, apply its committed entries,
 * then {@code advance(ready)}. Randomness (election timeouts) is injected, so a run is a pure function of
 * its inputs; that is what lets the simulation tests replay any failure from its seed.
 *
 * <p>Membership changes are made <b>one at a time</b> and take effect when the configuration-change
 * entry is <em>applied</em> (as in etcd's ConfChange v1): a leader refuses a new change while one is
 * still unapplied, and a new leader refuses changes until the entries of earlier terms are applied, which
 * avoids the single-server-change bug Ongaro describes (raft-dev, 2015).
 */
package dev.berth.store.raft;
