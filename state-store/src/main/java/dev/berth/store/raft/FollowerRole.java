package dev.berth.store.raft;

import dev.berth.store.raft.pb.Message;

/** A follower: accepts the leader's log, forwards client requests to it, and times out into an election. */
final class FollowerRole implements Role {
    private final RaftNode node;

    FollowerRole(RaftNode node) {
        this.node = node;
    }

    @Override
    public RoleKind kind() {
        return RoleKind.FOLLOWER;
    }

    @Override
    public void tick() {
        node.tickElection();
    }

    @Override
    public void step(Message m) {
        switch (m.getType()) {
            case MSG_PROPOSE, MSG_TRANSFER_LEADER, MSG_READ_INDEX -> forwardToLeader(m);
            case MSG_APPEND -> {
                heardFromLeader(m);
                node.handleAppend(m);
            }
            case MSG_HEARTBEAT -> {
                heardFromLeader(m);
                node.handleHeartbeat(m);
            }
            case MSG_SNAPSHOT -> {
                heardFromLeader(m);
                node.handleSnapshot(m);
            }
            case MSG_TIMEOUT_NOW -> node.hup(true);
            case MSG_READ_INDEX_RESPONSE -> node.addReadState(m.getIndex(), m.getContext());
            default -> {
                // Responses to requests of an earlier role, or stray traffic: nothing to do.
            }
        }
    }

    private void heardFromLeader(Message m) {
        node.electionElapsed = 0;
        node.leader = m.getFrom();
    }

    /** Requests that only a leader can serve; dropped when no leader is known (the client retries). */
    private void forwardToLeader(Message m) {
        if (node.leader == RaftNode.NONE) {
            return;
        }
        node.send(m.toBuilder().setTo(node.leader));
    }
}
