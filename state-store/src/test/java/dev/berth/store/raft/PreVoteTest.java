package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.ELECTION_TICK;
import static dev.berth.store.raft.Fixtures.config;
import static dev.berth.store.raft.Fixtures.hardState;
import static dev.berth.store.raft.Fixtures.message;
import static dev.berth.store.raft.Fixtures.storage;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pre-vote round (Ongaro §9.6): a node asks before bumping its term, so a lost node cannot disrupt. */
class PreVoteTest {

    private static RaftConfig preVote(long id) {
        return config(id).withPreVote(true);
    }

    @Test
    void preCandidateKeepsItsTermAndVoteAndAsksForTheNextTerm() {
        Replica r = new Replica(preVote(1), storage(voters(1, 2, 3), hardState(2, 3, 0), 1, 2));

        r.raft.campaign();
        Ready rd = r.raft.ready();

        assertThat(rd.softState()).isEqualTo(new SoftState(RaftNode.NONE, RoleKind.PRE_CANDIDATE));
        assertThat(rd.hasHardState()).isFalse();
        assertThat(rd.mustSync()).isFalse();
        assertThat(rd.messages()).extracting(Message::getTo).containsExactlyInAnyOrder(2L, 3L);
        assertThat(rd.messages()).allSatisfy(m -> {
            assertThat(m.getType()).isEqualTo(MessageType.MSG_PRE_VOTE);
            assertThat(m.getTerm()).isEqualTo(3);
            assertThat(m.getIndex()).isEqualTo(2);
            assertThat(m.getLogTerm()).isEqualTo(2);
        });
        assertThat(r.status().term()).isEqualTo(2);
        assertThat(r.status().vote()).isEqualTo(3);
    }

    @Test
    void wonPreVoteStartsTheRealElection() {
        Replica r = new Replica(preVote(1), storage(voters(1, 2, 3), hardState(2, 0, 0)));
        r.raft.campaign();
        r.processReady();

        List<Message> out = r.step(message(MessageType.MSG_PRE_VOTE_RESPONSE, 2, 1, 3).build());

        assertThat(r.status().role()).isEqualTo(RoleKind.CANDIDATE);
        assertThat(r.status().term()).isEqualTo(3);
        assertThat(r.status().vote()).isEqualTo(1);
        assertThat(out).extracting(Message::getType).containsOnly(MessageType.MSG_VOTE).hasSize(2);
    }

    @Test
    void lostPreVoteFallsBackToFollowerInTheSameTerm() {
        Replica r = new Replica(preVote(1), storage(voters(1, 2, 3), hardState(2, 0, 0)));
        r.raft.campaign();
        r.processReady();

        r.step(message(MessageType.MSG_PRE_VOTE_RESPONSE, 2, 1, 2).setReject(true).build());
        r.step(message(MessageType.MSG_PRE_VOTE_RESPONSE, 3, 1, 2).setReject(true).build());

        assertThat(r.status().role()).isEqualTo(RoleKind.FOLLOWER);
        assertThat(r.status().term()).isEqualTo(2);
    }

    @Test
    void rejectionFromAHigherTermMakesThePreCandidateFollowThatTerm() {
        Replica r = new Replica(preVote(1), storage(voters(1, 2, 3), hardState(2, 0, 0)));
        r.raft.campaign();
        r.processReady();

        r.step(message(MessageType.MSG_PRE_VOTE_RESPONSE, 2, 1, 5).setReject(true).build());

        assertThat(r.status().role()).isEqualTo(RoleKind.FOLLOWER);
        assertThat(r.status().term()).isEqualTo(5);
    }

    /**
     * Voter 1 at term 3 (log [2, 2]) asked for a pre-vote of term 4: a pre-vote for a later term is granted
     * whatever the voter voted in its own term, but only to an up-to-date log. Either way the voter's term
     * and vote stay, and there is nothing to persist.
     */
    @ParameterizedTest(name = "voted for {0}, candidate last ({1}, term {2}) -> granted={3}")
    @MethodSource("preVotesForLaterTerm")
    void preVoteForALaterTermLeavesTermAndVoteAlone(long votedFor, long lastIndex, long lastTerm,
            boolean granted) {
        Replica voter = new Replica(preVote(1), storage(voters(1, 2, 3), hardState(3, votedFor, 0), 2, 2));
        voter.processReady();

        voter.raft.step(message(MessageType.MSG_PRE_VOTE, 2, 1, 4).setIndex(lastIndex).setLogTerm(lastTerm).build());
        Ready rd = voter.raft.ready();

        assertThat(rd.messages()).singleElement().satisfies(m -> {
            assertThat(m.getType()).isEqualTo(MessageType.MSG_PRE_VOTE_RESPONSE);
            assertThat(m.getReject()).isEqualTo(!granted);
            assertThat(m.getTerm()).isEqualTo(granted ? 4 : 3);
        });
        assertThat(rd.hasHardState()).isFalse();
        assertThat(voter.status().term()).isEqualTo(3);
        assertThat(voter.status().vote()).isEqualTo(votedFor);
    }

    static Stream<Arguments> preVotesForLaterTerm() {
        return Stream.of(
                arguments(0L, 2L, 2L, true),
                arguments(3L, 2L, 2L, true),
                arguments(1L, 5L, 3L, true),
                arguments(0L, 1L, 2L, false),
                arguments(3L, 9L, 1L, false));
    }

    /**
     * With check-quorum a follower that heard from its leader within electionTick ignores vote requests
     * for a later term (the leader lease): no answer, no term change. Once the lease has run out (and
     * before its own timeout) it answers again. A transfer's vote request is honoured inside the lease.
     */
    @ParameterizedTest(name = "{0} ticks after the leader's heartbeat, {1}, transfer={2} -> answered={3}")
    @MethodSource("lease")
    void followerInsideTheLeaderLeaseIgnoresVoteRequests(int ticks, MessageType type, boolean transfer,
            boolean answered) {
        Replica follower = new Replica(preVote(2).withCheckQuorum(true), storage(voters(1, 2, 3)), 5);
        follower.step(message(MessageType.MSG_HEARTBEAT, 1, 2, 1).build());
        for (int i = 0; i < ticks; i++) {
            follower.raft.tick();
        }
        follower.processReady();

        Message.Builder request = message(type, 3, 2, 2);
        if (transfer) {
            request.setContext(RaftNode.TRANSFER_CONTEXT);
        }
        List<Message> out = follower.step(request.build());

        if (answered) {
            assertThat(out).singleElement().extracting(Message::getReject).isEqualTo(false);
        } else {
            assertThat(out).isEmpty();
            assertThat(follower.status().term()).isEqualTo(1);
            assertThat(follower.status().leader()).isEqualTo(1);
        }
    }

    static Stream<Arguments> lease() {
        return Stream.of(
                arguments(0, MessageType.MSG_PRE_VOTE, false, false),
                arguments(ELECTION_TICK - 1, MessageType.MSG_PRE_VOTE, false, false),
                arguments(ELECTION_TICK - 1, MessageType.MSG_VOTE, false, false),
                arguments(ELECTION_TICK, MessageType.MSG_PRE_VOTE, false, true),
                arguments(ELECTION_TICK, MessageType.MSG_VOTE, false, true),
                arguments(0, MessageType.MSG_VOTE, true, true));
    }

    /**
     * Node 3 is cut off for many election timeouts, then rejoins. With pre-vote it never wins a pre-vote,
     * so its term stays and the leader keeps leading. Without (the control case) its term runs ahead and
     * its return deposes the leader.
     */
    @ParameterizedTest(name = "preVote={0}")
    @MethodSource("rejoin")
    void partitionedNodeRejoiningDoesNotDisruptTheLeader(boolean preVote, boolean checkQuorum,
            boolean disrupted) {
        TestNetwork net = TestNetwork.ofVoters(id -> config(id).withPreVote(preVote).withCheckQuorum(checkQuorum),
                1, 2, 3);
        net.campaign(1);
        net.propose(1, "while healthy");
        net.isolate(3);

        net.tickAll(5 * ELECTION_TICK);
        long isolatedTerm = net.node(3).status().term();
        net.heal();
        net.tickAll(2 * ELECTION_TICK);

        if (disrupted) {
            assertThat(isolatedTerm).isGreaterThan(1);
            assertThat(net.node(1).status().term()).as("the leader was deposed").isGreaterThanOrEqualTo(isolatedTerm);
        } else {
            assertThat(isolatedTerm).isEqualTo(1);
            assertThat(net.leaders()).containsExactly(1L);
            for (long id = 1; id <= 3; id++) {
                assertThat(net.node(id).status().term()).as("term of %d", id).isEqualTo(1);
                assertThat(net.node(id).status().leader()).as("leader known to %d", id).isEqualTo(1);
            }
        }
    }

    static Stream<Arguments> rejoin() {
        return Stream.of(
                arguments(true, false, false),
                arguments(true, true, false),
                arguments(false, false, true));
    }
}
