package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.ELECTION_TICK;
import static dev.berth.store.raft.Fixtures.bytes;
import static dev.berth.store.raft.Fixtures.conf;
import static dev.berth.store.raft.Fixtures.config;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.store.raft.pb.ConfState;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Leadership transfer (Ongaro §3.10): catch the transferee up, then tell it to campaign at once. */
class LeadershipTransferTest {

    private static TestNetwork threeNodes() {
        TestNetwork net = TestNetwork.ofVoters(Fixtures::config, 1, 2, 3);
        net.campaign(1);
        return net;
    }

    /** Node 1 leads; node 3 was cut off while two entries committed, and is now reachable again. */
    private static TestNetwork threeLagging() {
        TestNetwork net = threeNodes();
        net.isolate(3);
        net.propose(1, "a");
        net.propose(1, "b");
        net.heal();
        net.clearSent();
        return net;
    }

    @ParameterizedTest(name = "preVote={0}, checkQuorum={1}")
    @MethodSource("modes")
    void upToDateFollowerIsToldToCampaignAndWinsTheNextTerm(boolean preVote, boolean checkQuorum) {
        TestNetwork net = TestNetwork.ofVoters(id -> config(id).withPreVote(preVote).withCheckQuorum(checkQuorum),
                1, 2, 3);
        net.campaign(1);

        net.node(1).transferLeadership(2);
        List<Message> out = net.collect();

        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.getType()).isEqualTo(MessageType.MSG_TIMEOUT_NOW);
            assertThat(m.getTo()).isEqualTo(2);
            assertThat(m.getTerm()).isEqualTo(1);
        });
        net.send(out);
        assertThat(net.leaders()).containsExactly(2L);
        for (long id = 1; id <= 3; id++) {
            assertThat(net.node(id).status().term()).as("term of %d", id).isEqualTo(2);
            assertThat(net.node(id).status().leader()).as("leader known to %d", id).isEqualTo(2);
        }
    }

    static Stream<Arguments> modes() {
        return Stream.of(arguments(false, false), arguments(true, false), arguments(false, true),
                arguments(true, true));
    }

    @Test
    void laggingTransfereeIsCaughtUpBeforeItIsToldToCampaign() {
        TestNetwork net = threeLagging();

        net.node(1).transferLeadership(3);
        List<Message> out = net.collect();

        assertThat(net.node(1).status().leadTransferee()).isEqualTo(3);
        assertThat(out).extracting(Message::getType).containsExactly(MessageType.MSG_APPEND);
        net.send(out);
        assertThat(net.sent(MessageType.MSG_TIMEOUT_NOW)).singleElement().extracting(Message::getTo).isEqualTo(3L);
        assertThat(net.leaders()).containsExactly(3L);
        assertThat(net.node(3).status().term()).isEqualTo(2);
        assertThat(net.replica(3).appliedData()).containsExactly("a", "b");
    }

    @Test
    void proposalsAreDroppedWhileATransferIsPending() {
        TestNetwork net = threeLagging();
        net.isolate(3);
        net.node(1).transferLeadership(3);
        net.settle();
        long lastIndex = net.node(1).status().lastIndex();

        assertThatThrownBy(() -> net.node(1).propose(bytes("x"))).isInstanceOf(ProposalDroppedException.class);
        net.propose(2, "forwarded");

        assertThat(net.node(1).status().lastIndex()).isEqualTo(lastIndex);
    }

    @Test
    void transferThatDoesNotFinishWithinAnElectionTimeoutIsAbandoned() {
        TestNetwork net = threeLagging();
        net.isolate(3);
        net.node(1).transferLeadership(3);
        net.settle();

        net.tick(1, ELECTION_TICK - 1);
        assertThat(net.node(1).status().leadTransferee()).isEqualTo(3);

        net.tick(1, 1);
        RaftStatus s = net.node(1).status();
        assertThat(s.leadTransferee()).isEqualTo(RaftNode.NONE);
        assertThat(s.role()).isEqualTo(RoleKind.LEADER);
        assertThat(s.term()).isEqualTo(1);
        net.propose(1, "accepted again");
        assertThat(net.replica(2).appliedData()).contains("accepted again");
    }

    /** Voters {1, 2} and learner 3: leadership can go only to another voter that is a member. */
    @ParameterizedTest(name = "transfer to {0}")
    @ValueSource(longs = {1, 3, 9})
    void transferToALearnerItselfOrAStrangerIsIgnored(long transferee) {
        ConfState conf = conf(new long[] {1, 2}, new long[] {3});
        TestNetwork net = TestNetwork.of(
                new Replica(config(1), MemoryStorage.withConfState(conf)),
                new Replica(config(2), MemoryStorage.withConfState(conf)),
                new Replica(config(3), MemoryStorage.withConfState(conf)));
        net.campaign(1);
        net.clearSent();

        net.node(1).transferLeadership(transferee);
        net.settle();

        assertThat(net.sent()).isEmpty();
        assertThat(net.node(1).status().leadTransferee()).isEqualTo(RaftNode.NONE);
        assertThat(net.leaders()).containsExactly(1L);
        net.propose(1, "still accepted");
    }

    @ParameterizedTest(name = "asked on node {0}")
    @ValueSource(longs = {2, 3})
    void followersForwardTransferRequestsToTheLeader(long asker) {
        TestNetwork net = threeNodes();

        net.node(asker).transferLeadership(2);
        List<Message> out = net.collect();

        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.getType()).isEqualTo(MessageType.MSG_TRANSFER_LEADER);
            assertThat(m.getTo()).isEqualTo(1);
            assertThat(m.getFrom()).as("the transferee").isEqualTo(2);
        });
        net.send(out);
        assertThat(net.leaders()).containsExactly(2L);
    }

    @Test
    void followerWithoutLeaderCannotForwardATransfer() {
        Replica follower = new Replica(config(2), MemoryStorage.withConfState(voters(1, 2, 3)));

        assertThatThrownBy(() -> follower.raft.transferLeadership(2)).isInstanceOf(ProposalDroppedException.class);
    }

    @Test
    void repeatedRequestForTheSameTransfereeSendsNothingNewButAnotherTransfereeTakesOver() {
        TestNetwork net = threeLagging();
        net.isolate(3);
        net.node(1).transferLeadership(3);
        net.settle();
        net.clearSent();

        net.node(1).transferLeadership(3);
        assertThat(net.collect()).isEmpty();

        net.node(1).transferLeadership(2);
        net.settle();
        assertThat(net.sent(MessageType.MSG_TIMEOUT_NOW)).singleElement().extracting(Message::getTo).isEqualTo(2L);
        assertThat(net.leaders()).containsExactly(2L);
    }
}
