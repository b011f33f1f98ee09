package dev.berth.store.raft;

import dev.berth.store.raft.pb.Message;

/** The behaviour of a node in one role; the shared state (term, vote, log) stays in {@link RaftNode}. */
sealed interface Role permits FollowerRole, CandidateRole, LeaderRole {
    RoleKind kind();

    void tick();

    /** A message of the node's current term (term checks are done before). */
    void step(Message message);
}
