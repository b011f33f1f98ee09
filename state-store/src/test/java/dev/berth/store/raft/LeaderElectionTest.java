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
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Elections (Raft §5.2): who wins, in which term, and what everyone else ends up as. */
class LeaderElectionTest {

    @ParameterizedTest(name = "{0} nodes, preVote={1}")
    @MethodSource("clusterSizes")
    void firstNodeToTimeOutWinsTermOne(int size, boolean preVote) {
        long[] ids = LongStream.rangeClosed(1, size).toArray();
        TestNetwork net = TestNetwork.ofVoters(id -> config(id).withPreVote(preVote), ids);

        net.tickAll(ELECTION_TICK);

        assertThat(net.leaders()).containsExactly(1L);
        for (long id : ids) {
            RaftStatus s = net.node(id).status();
            assertThat(s.term()).as("term of %d", id).isEqualTo(1);
            assertThat(s.leader()).as("leader known to %d", id).isEqualTo(1);
            assertThat(s.commit()).as("the leader's empty entry is committed on %d", id).isEqualTo(1);
        }
    }

    static Stream<Arguments> clusterSizes() {
        return Stream.of(1, 3, 5).flatMap(n -> Stream.of(arguments(n, false), arguments(n, true)));
    }

    @Test
    void noElectionBeforeTheTimeout() {
        TestNetwork net = TestNetwork.ofVoters(Fixtures::config, 1, 2, 3);

        net.tickAll(ELECTION_TICK - 1);

        assertThat(net.leaders()).isEmpty();
        assertThat(net.sent()).isEmpty();
    }

    /**
     * Node 1 campaigns while some nodes are unreachable or ahead of it. Without pre-vote a failed candidate
     * stays candidate in the new term; with pre-vote it never leaves its term.
     */
    @ParameterizedTest(name = "[{index}] {0} nodes, isolated {1}, others' log {2}, preVote={3} -> {4} term {5}")
    @MethodSource("elections")
    void campaignOutcome(int size, Set<Long> isolated, long[] othersLog, boolean preVote, RoleKind role,
            long term) {
        long[] ids = LongStream.rangeClosed(1, size).toArray();
        Replica[] replicas = new Replica[size];
        for (long id : ids) {
            long otherTerm = othersLog.length == 0 ? 0 : othersLog[othersLog.length - 1];
            replicas[(int) id - 1] = new Replica(config(id).withPreVote(preVote), id == 1
                    ? storage(voters(ids))
                    : storage(voters(ids), hardState(otherTerm, 0, 0), othersLog));
        }
        TestNetwork net = TestNetwork.of(replicas);
        isolated.forEach(net::isolate);

        net.campaign(1);

        RaftStatus s = net.node(1).status();
        assertThat(s.role()).isEqualTo(role);
        assertThat(s.term()).isEqualTo(term);
    }

    static Stream<Arguments> elections() {
        long[] empty = {};
        return Stream.of(
                arguments(3, Set.of(), empty, false, RoleKind.LEADER, 1),
                arguments(3, Set.of(3L), empty, false, RoleKind.LEADER, 1),
                arguments(3, Set.of(2L, 3L), empty, false, RoleKind.CANDIDATE, 1),
                arguments(4, Set.of(2L, 3L), empty, false, RoleKind.CANDIDATE, 1),
                arguments(5, Set.of(4L, 5L), empty, false, RoleKind.LEADER, 1),
                arguments(5, Set.of(3L, 4L, 5L), empty, false, RoleKind.CANDIDATE, 1),
                // The others' logs are ahead in term 1: they reject in that term, node 1 falls back to follower.
                arguments(3, Set.of(), new long[] {1}, false, RoleKind.FOLLOWER, 1),
                arguments(3, Set.of(), empty, true, RoleKind.LEADER, 1),
                arguments(3, Set.of(3L), empty, true, RoleKind.LEADER, 1),
                arguments(3, Set.of(2L, 3L), empty, true, RoleKind.PRE_CANDIDATE, 0),
                arguments(4, Set.of(2L, 3L), empty, true, RoleKind.PRE_CANDIDATE, 0),
                arguments(5, Set.of(4L, 5L), empty, true, RoleKind.LEADER, 1),
                arguments(5, Set.of(3L, 4L, 5L), empty, true, RoleKind.PRE_CANDIDATE, 0),
                arguments(3, Set.of(), new long[] {1}, true, RoleKind.FOLLOWER, 1));
    }

    /**
     * Nodes 1 and 3 of four campaign at once and each gets one other vote: 2 of 4 is no majority and both
     * lose. The next timeout (node 1's, the shortest) settles it in term 2.
     */
    @Test
    void splitVoteIsResolvedInALaterTerm() {
        TestNetwork net = TestNetwork.ofVoters(Fixtures::config, 1, 2, 3, 4);
        net.node(1).campaign();
        List<Message> fromOne = net.collect();
        net.node(3).campaign();
        List<Message> fromThree = net.collect();

        net.send(List.of(to(fromOne, 2), to(fromThree, 4), to(fromOne, 3), to(fromOne, 4), to(fromThree, 1),
                to(fromThree, 2)));

        for (long id : new long[] {1, 3}) {
            assertThat(net.node(id).status().role()).as("candidate %d", id).isEqualTo(RoleKind.FOLLOWER);
            assertThat(net.node(id).status().term()).isEqualTo(1);
        }
        assertThat(net.leaders()).isEmpty();

        net.tickAll(ELECTION_TICK);

        assertThat(net.leaders()).containsExactly(1L);
        assertThat(net.node(1).status().term()).isEqualTo(2);
    }

    private static Message to(List<Message> messages, long to) {
        return messages.stream().filter(m -> m.getTo() == to).findFirst().orElseThrow();
    }

    @Test
    void candidateAsksEveryOtherVoterWithItsLastLogPosition() {
        Replica r = new Replica(config(1), storage(voters(1, 2, 3), hardState(2, 0, 0), 1, 2));

        r.raft.campaign();
        Ready rd = r.raft.ready();

        assertThat(rd.softState()).isEqualTo(new SoftState(RaftNode.NONE, RoleKind.CANDIDATE));
        assertThat(rd.hardState()).isEqualTo(hardState(3, 1, 0));
        assertThat(rd.mustSync()).isTrue();
        assertThat(rd.messages()).extracting(Message::getTo).containsExactlyInAnyOrder(2L, 3L);
        assertThat(rd.messages()).allSatisfy(m -> {
            assertThat(m.getType()).isEqualTo(MessageType.MSG_VOTE);
            assertThat(m.getTerm()).isEqualTo(3);
            assertThat(m.getIndex()).isEqualTo(2);
            assertThat(m.getLogTerm()).isEqualTo(2);
        });
    }

    @ParameterizedTest(name = "{0} at term 2 steps {1} of term 3")
    @MethodSource("higherTermMessages")
    void higherTermTurnsAnyRoleIntoFollower(RoleKind role, MessageType type, long expectedLeader) {
        Replica r = Replica.inRole(role, config(1));

        r.step(message(type, 2, 1, 3).build());

        RaftStatus s = r.status();
        assertThat(s.role()).isEqualTo(RoleKind.FOLLOWER);
        assertThat(s.term()).isEqualTo(3);
        assertThat(s.leader()).isEqualTo(expectedLeader);
    }

    static Stream<Arguments> higherTermMessages() {
        return Stream.of(RoleKind.FOLLOWER, RoleKind.CANDIDATE, RoleKind.LEADER).flatMap(role -> Stream.of(
                arguments(role, MessageType.MSG_APPEND, 2L),
                arguments(role, MessageType.MSG_HEARTBEAT, 2L),
                arguments(role, MessageType.MSG_SNAPSHOT, 2L),
                arguments(role, MessageType.MSG_APPEND_RESPONSE, RaftNode.NONE),
                arguments(role, MessageType.MSG_VOTE, RaftNode.NONE)));
    }

    /**
     * A leader of term 2 ignores term-1 traffic, except that with check-quorum or pre-vote a stale leader's
     * append or heartbeat is answered with the current term (so it learns it was replaced) and a stale
     * pre-vote is rejected (so the pre-candidate stops).
     */
    @ParameterizedTest(name = "{0} of term 1, checkQuorum={1} -> {2}")
    @MethodSource("staleMessages")
    void lowerTermMessagesAreIgnoredOrAnsweredWithTheCurrentTerm(MessageType type, boolean checkQuorum,
            MessageType reply) {
        Replica r = Replica.inRole(RoleKind.LEADER, config(1).withCheckQuorum(checkQuorum));

        List<Message> out = r.step(message(type, 2, 1, 1).build());

        assertThat(r.status().role()).isEqualTo(RoleKind.LEADER);
        assertThat(r.status().term()).isEqualTo(2);
        if (reply == MessageType.MSG_UNKNOWN) {
            assertThat(out).isEmpty();
        } else {
            assertThat(out).singleElement().satisfies(m -> {
                assertThat(m.getType()).isEqualTo(reply);
                assertThat(m.getTo()).isEqualTo(2);
                assertThat(m.getTerm()).isEqualTo(2);
            });
        }
    }

    static Stream<Arguments> staleMessages() {
        return Stream.of(
                arguments(MessageType.MSG_APPEND, false, MessageType.MSG_UNKNOWN),
                arguments(MessageType.MSG_HEARTBEAT, false, MessageType.MSG_UNKNOWN),
                arguments(MessageType.MSG_APPEND, true, MessageType.MSG_APPEND_RESPONSE),
                arguments(MessageType.MSG_HEARTBEAT, true, MessageType.MSG_APPEND_RESPONSE),
                arguments(MessageType.MSG_VOTE, true, MessageType.MSG_UNKNOWN),
                arguments(MessageType.MSG_APPEND_RESPONSE, true, MessageType.MSG_UNKNOWN),
                arguments(MessageType.MSG_PRE_VOTE, false, MessageType.MSG_PRE_VOTE_RESPONSE));
    }

    @Test
    void candidateWhoHearsFromTheLeaderOfItsTermBecomesFollower() {
        Replica r = Replica.inRole(RoleKind.CANDIDATE, config(1));

        r.step(message(MessageType.MSG_APPEND, 3, 1, 2).build());

        assertThat(r.status().role()).isEqualTo(RoleKind.FOLLOWER);
        assertThat(r.status().term()).isEqualTo(2);
        assertThat(r.status().leader()).isEqualTo(3);
    }
}
