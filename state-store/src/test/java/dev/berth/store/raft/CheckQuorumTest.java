package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.ELECTION_TICK;
import static dev.berth.store.raft.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.store.raft.pb.MessageType;
import org.junit.jupiter.api.Test;

/** Check-quorum: a leader that stops hearing from a quorum steps down instead of leading alone. */
class CheckQuorumTest {

    private static TestNetwork electedCluster() {
        TestNetwork net = TestNetwork.ofVoters(id -> config(id).withCheckQuorum(true), 1, 2, 3);
        net.campaign(1);
        assertThat(net.leaders()).containsExactly(1L);
        return net;
    }

    /**
     * The first check after the partition still counts the acknowledgements from before it; the second,
     * one election timeout later, finds no quorum: the leader steps down in its term and forgets leading.
     */
    @Test
    void leaderCutOffFromTheQuorumStepsDownAtTheSecondCheck() {
        TestNetwork net = electedCluster();
        net.isolate(1);

        net.tick(1, 2 * ELECTION_TICK - 1);
        assertThat(net.node(1).status().role()).isEqualTo(RoleKind.LEADER);

        net.tick(1, 1);
        RaftStatus s = net.node(1).status();
        assertThat(s.role()).isEqualTo(RoleKind.FOLLOWER);
        assertThat(s.term()).isEqualTo(1);
        assertThat(s.leader()).isEqualTo(RaftNode.NONE);
    }

    @Test
    void leaderThatHearsFromAQuorumStays() {
        TestNetwork net = electedCluster();
        net.isolate(3);

        net.tickAll(5 * ELECTION_TICK);

        assertThat(net.node(1).status().role()).isEqualTo(RoleKind.LEADER);
        assertThat(net.node(1).status().term()).isEqualTo(1);
        assertThat(net.node(2).status().leader()).isEqualTo(1);
    }

    @Test
    void withoutCheckQuorumAnIsolatedLeaderLeadsOn() {
        TestNetwork net = TestNetwork.ofVoters(Fixtures::config, 1, 2, 3);
        net.campaign(1);
        net.isolate(1);

        net.tick(1, 5 * ELECTION_TICK);

        assertThat(net.node(1).status().role()).isEqualTo(RoleKind.LEADER);
    }

    /**
     * Node 3, isolated without pre-vote, campaigns its term up. The others ignore its vote requests (their
     * lease), but when the leader's heartbeat reaches it, it answers with its term: the leader learns of the
     * higher term and steps down, so the cluster is not stuck with a candidate that can never win.
     */
    @Test
    void stuckCandidateWithAHigherTermIsFreedThroughTheLeader() {
        TestNetwork net = electedCluster();
        net.isolate(3);
        net.tick(3, 2 * ELECTION_TICK + 2);
        long stuckTerm = net.node(3).status().term();
        assertThat(net.node(3).status().role()).isEqualTo(RoleKind.CANDIDATE);
        assertThat(stuckTerm).isGreaterThan(1);

        net.heal();
        net.tick(1, 1);

        assertThat(net.sent(MessageType.MSG_APPEND_RESPONSE)).anySatisfy(m -> {
            assertThat(m.getFrom()).isEqualTo(3);
            assertThat(m.getTerm()).isEqualTo(stuckTerm);
        });
        assertThat(net.node(1).status().role()).isEqualTo(RoleKind.FOLLOWER);
        assertThat(net.node(1).status().term()).isEqualTo(stuckTerm);

        net.tickAll(3 * ELECTION_TICK);
        assertThat(net.leaders()).hasSize(1);
        assertThat(net.node(net.leaders().get(0)).status().term()).isGreaterThan(stuckTerm);
    }
}
