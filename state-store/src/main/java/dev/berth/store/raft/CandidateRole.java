package dev.berth.store.raft;

import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import java.util.HashMap;
import java.util.Map;

/**
 * A node collecting votes: in the pre-vote round (term not yet bumped, asking "would you vote for me?")
 * or in the election proper. One class for both, since they differ only in which responses they count
 * and what winning means.
 */
final class CandidateRole implements Role {
    private final RaftNode node;
    private final boolean preVote;
    private final Map<Long, Boolean> votes = new HashMap<>();

    CandidateRole(RaftNode node, boolean preVote) {
        this.node = node;
        this.preVote = preVote;
    }

    @Override
    public RoleKind kind() {
        return preVote ? RoleKind.PRE_CANDIDATE : RoleKind.CANDIDATE;
    }

    @Override
    public void tick() {
        node.tickElection();
    }

    Membership.VoteResult recordVote(long from, boolean granted) {
        votes.putIfAbsent(from, granted);
        return node.membership.voteResult(votes);
    }

    @Override
    public void step(Message m) {
        MessageType responseType = preVote ? MessageType.MSG_PRE_VOTE_RESPONSE : MessageType.MSG_VOTE_RESPONSE;
        switch (m.getType()) {
            case MSG_APPEND -> {
                node.becomeFollower(m.getTerm(), m.getFrom());
                node.handleAppend(m);
            }
            case MSG_HEARTBEAT -> {
                node.becomeFollower(m.getTerm(), m.getFrom());
                node.handleHeartbeat(m);
            }
            case MSG_SNAPSHOT -> {
                node.becomeFollower(m.getTerm(), m.getFrom());
                node.handleSnapshot(m);
            }
            default -> {
                if (m.getType() == responseType) {
                    countVote(m);
                }
            }
        }
    }

    private void countVote(Message m) {
        switch (recordVote(m.getFrom(), !m.getReject())) {
            case WON -> {
                if (preVote) {
                    node.campaign(false, false);
                } else {
                    node.becomeLeader();
                }
            }
            case LOST -> node.becomeFollower(node.term, RaftNode.NONE);
            case PENDING -> {
                // Wait for more votes or the election timeout.
            }
        }
    }
}
