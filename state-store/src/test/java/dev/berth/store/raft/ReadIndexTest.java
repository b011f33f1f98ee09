package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.bytes;
import static dev.berth.store.raft.Fixtures.config;
import static dev.berth.store.raft.Fixtures.hardState;
import static dev.berth.store.raft.Fixtures.message;
import static dev.berth.store.raft.Fixtures.storage;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Linearizable reads without a log entry (Ongaro §6.4): the read index and how leadership is confirmed. */
class ReadIndexTest {
    private static final ByteString CTX = bytes("read-1");

    /** Node 1 leads {1, 2, 3} with "a" committed at index 2. */
    private static TestNetwork cluster(ReadOnlyOption option) {
        TestNetwork net = TestNetwork.ofVoters(id -> config(id).withCheckQuorum(true).withReadOnlyOption(option),
                1, 2, 3);
        net.campaign(1);
        net.propose(1, "a");
        return net;
    }

    /**
     * SAFE: the read index is the commit index when the read arrived, released only once a quorum of
     * voters (the leader included) has acknowledged a heartbeat carrying the read's context.
     */
    @ParameterizedTest(name = "{0} nodes, followers cut off: {1} -> answered={2}")
    @MethodSource("heartbeatQuorums")
    void safeReadOnTheLeaderWaitsForAHeartbeatQuorum(int size, Set<Long> isolated, boolean answered) {
        long[] ids = LongStream.rangeClosed(1, size).toArray();
        TestNetwork net = TestNetwork.ofVoters(id -> config(id).withCheckQuorum(true), ids);
        net.campaign(1);
        net.propose(1, "a");
        isolated.forEach(net::isolate);

        net.node(1).readIndex(CTX);
        List<Message> out = net.collect();

        assertThat(net.replica(1).readStates).isEmpty();
        assertThat(out).hasSize(size - 1).allSatisfy(m -> {
            assertThat(m.getType()).isEqualTo(MessageType.MSG_HEARTBEAT);
            assertThat(m.getContext()).isNotEmpty().isEqualTo(out.get(0).getContext());
            assertThat(m.getCommit()).isEqualTo(2);
        });
        net.send(out);
        assertThat(net.replica(1).readStates).isEqualTo(answered ? List.of(new ReadState(2, CTX)) : List.of());
    }

    static Stream<Arguments> heartbeatQuorums() {
        return Stream.of(
                arguments(3, Set.of(), true),
                arguments(3, Set.of(3L), true),
                arguments(3, Set.of(2L, 3L), false),
                arguments(5, Set.of(4L, 5L), true),
                arguments(5, Set.of(3L, 4L, 5L), false));
    }

    @Test
    void readIndexIsTheCommitIndexWhenTheReadArrived() {
        TestNetwork net = cluster(ReadOnlyOption.SAFE);
        net.hold(m -> m.getType() == MessageType.MSG_HEARTBEAT && m.getContext().equals(CTX));
        net.node(1).readIndex(CTX);
        net.settle();

        net.propose(1, "b");
        assertThat(net.node(1).status().commit()).isEqualTo(3);
        net.heal();
        net.send(net.takeHeld());

        assertThat(net.replica(1).readStates).containsExactly(new ReadState(2, CTX));
    }

    @Test
    void unansweredReadIsRetriedWithTheNextHeartbeat() {
        TestNetwork net = cluster(ReadOnlyOption.SAFE);
        net.drop(m -> m.getType() == MessageType.MSG_HEARTBEAT);
        net.node(1).readIndex(CTX);
        net.settle();
        assertThat(net.replica(1).readStates).isEmpty();

        net.heal();
        net.tick(1, 1);

        assertThat(net.replica(1).readStates).containsExactly(new ReadState(2, CTX));
    }

    @ParameterizedTest
    @EnumSource(ReadOnlyOption.class)
    void readOnAFollowerIsForwardedAndAnswered(ReadOnlyOption option) {
        TestNetwork net = cluster(option);

        net.node(2).readIndex(CTX);
        List<Message> out = net.collect();

        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.getType()).isEqualTo(MessageType.MSG_READ_INDEX);
            assertThat(m.getTo()).isEqualTo(1);
            assertThat(m.getTerm()).isZero();
            assertThat(m.getContext()).isEqualTo(CTX);
        });
        net.send(out);
        assertThat(net.sent(MessageType.MSG_READ_INDEX_RESPONSE)).singleElement()
                .extracting(Message::getTo, Message::getIndex)
                .containsExactly(2L, 2L);
        assertThat(net.replica(2).readStates).containsExactly(new ReadState(2, CTX));
        assertThat(net.replica(1).readStates).isEmpty();
    }

    /**
     * Node 1 wins term 2 over a log whose last entry (index 2, term 1) is committed. Until its own empty
     * entry commits it cannot know whether a previous leader committed more, so reads wait for it.
     */
    @ParameterizedTest
    @EnumSource(ReadOnlyOption.class)
    void newLeaderAnswersReadsOnlyAfterItsFirstCommit(ReadOnlyOption option) {
        Replica leader = Replica.elected(config(1).withCheckQuorum(true).withReadOnlyOption(option),
                storage(voters(1, 2, 3), hardState(1, 0, 2), 1, 1));

        leader.raft.readIndex(CTX);
        List<Message> out = leader.processReady();

        assertThat(leader.readStates).isEmpty();
        assertThat(out).noneMatch(m -> m.getType() == MessageType.MSG_HEARTBEAT && !m.getContext().isEmpty());

        List<Message> afterCommit = leader.step(message(MessageType.MSG_APPEND_RESPONSE, 2, 1, 2).setIndex(3).build());
        assertThat(leader.status().commit()).isEqualTo(3);
        if (option == ReadOnlyOption.LEASE_BASED) {
            assertThat(leader.readStates).containsExactly(new ReadState(3, CTX));
            return;
        }
        assertThat(leader.readStates).isEmpty();
        List<Message> heartbeats = afterCommit.stream().filter(m -> m.getType() == MessageType.MSG_HEARTBEAT).toList();
        assertThat(heartbeats).hasSize(2).extracting(Message::getContext).doesNotContain(ByteString.EMPTY)
                .containsOnly(heartbeats.get(0).getContext());
        leader.step(message(MessageType.MSG_HEARTBEAT_RESPONSE, 2, 1, 2).setContext(heartbeats.get(0).getContext()).build());
        assertThat(leader.readStates).containsExactly(new ReadState(3, CTX));
    }

    @Test
    void leaseBasedReadIsAnsweredAtOnceWithoutAHeartbeatRound() {
        TestNetwork net = cluster(ReadOnlyOption.LEASE_BASED);

        net.node(1).readIndex(CTX);
        List<Message> out = net.collect();

        assertThat(out).isEmpty();
        assertThat(net.replica(1).readStates).containsExactly(new ReadState(2, CTX));
    }

    @Test
    void singleVoterAnswersAtOnce() {
        Replica solo = Replica.elected(config(1), storage(voters(1)));

        solo.raft.readIndex(CTX);
        solo.processReady();

        assertThat(solo.readStates).containsExactly(new ReadState(1, CTX));
    }

    @Test
    void readWithoutAKnownLeaderIsRefused() {
        Replica follower = new Replica(config(2), storage(voters(1, 2, 3)));

        assertThatThrownBy(() -> follower.raft.readIndex(CTX)).isInstanceOf(ProposalDroppedException.class);
    }

    @Test
    void acknowledgementOfALaterReadReleasesTheEarlierOnesToo() {
        TestNetwork net = cluster(ReadOnlyOption.SAFE);
        ByteString second = bytes("read-2");
        net.drop(m -> m.getType() == MessageType.MSG_HEARTBEAT);
        net.node(1).readIndex(CTX);
        net.settle();
        net.heal();

        net.node(1).readIndex(second);
        net.settle();

        assertThat(net.replica(1).readStates).containsExactly(new ReadState(2, CTX), new ReadState(2, second));
    }

    /**
     * {@link RaftNode#readIndex} asks for a context unique among the caller's own pending reads, so two
     * nodes may well pick the same one (say, each its own counter). Each must still get its answer.
     */
    @Test
    void readsFromDifferentNodesWithTheSameContextAreBothAnswered() {
        TestNetwork net = cluster(ReadOnlyOption.SAFE);
        net.hold(m -> m.getType() == MessageType.MSG_HEARTBEAT);

        net.node(2).readIndex(CTX);
        net.node(3).readIndex(CTX);
        net.settle();
        net.heal();
        net.send(net.takeHeld());

        assertThat(net.replica(2).readStates).containsExactly(new ReadState(2, CTX));
        assertThat(net.replica(3).readStates).containsExactly(new ReadState(2, CTX));
    }
}
