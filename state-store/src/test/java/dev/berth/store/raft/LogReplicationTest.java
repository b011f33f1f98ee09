package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.bytes;
import static dev.berth.store.raft.Fixtures.config;
import static dev.berth.store.raft.Fixtures.message;
import static dev.berth.store.raft.Fixtures.storage;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.store.raft.pb.ConfChange;
import dev.berth.store.raft.pb.ConfChangeType;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.EntryType;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Log replication (Raft §5.3): proposals reach every log in order and are applied once committed. */
class LogReplicationTest {

    @ParameterizedTest(name = "proposed on node {0}")
    @ValueSource(longs = {1, 2})
    void proposalsAreReplicatedCommittedAndAppliedEverywhere(long proposer) {
        TestNetwork net = TestNetwork.ofVoters(Fixtures::config, 1, 2, 3);
        net.campaign(1);

        net.propose(proposer, "a");
        net.propose(proposer, "b");

        for (long id = 1; id <= 3; id++) {
            Replica r = net.replica(id);
            assertThat(r.status().commit()).as("commit of %d", id).isEqualTo(3);
            assertThat(r.appliedData()).as("applied on %d", id).containsExactly("a", "b");
            assertThat(r.applied).extracting(Entry::getIndex).containsExactly(1L, 2L, 3L);
            assertThat(r.logTerms()).containsExactly(1L, 1L, 1L);
        }
    }

    @Test
    void proposalsSteppedBetweenTwoReadiesLeaveAsOneAppendPerFollower() {
        Replica leader = Replica.inRole(RoleKind.LEADER, config(1));
        long last = leader.status().lastIndex();
        long term = leader.status().term();
        for (long follower = 2; follower <= 3; follower++) {
            leader.step(message(MessageType.MSG_APPEND_RESPONSE, follower, 1, term).setIndex(last).build());
        }
        leader.processReady();

        leader.raft.propose(bytes("a"));
        leader.raft.propose(bytes("b"));
        leader.raft.step(message(MessageType.MSG_PROPOSE, 1, 1, 0).addEntries(Entry.newBuilder().setData(bytes("c"))).build());
        List<Message> out = leader.processReady();

        assertThat(out).filteredOn(m -> m.getType() == MessageType.MSG_APPEND)
                .extracting(Message::getTo, Message::getIndex, m -> m.getEntriesList().stream().map(e -> e.getData().toStringUtf8()).toList())
                .containsExactlyInAnyOrder(tuple(2L, last, List.of("a", "b", "c")), tuple(3L, last, List.of("a", "b", "c")));
    }

    @Test
    void followerForwardsProposalsToTheLeaderWithoutATerm() {
        Replica follower = new Replica(config(2), storage(voters(1, 2, 3)));
        follower.step(message(MessageType.MSG_HEARTBEAT, 1, 2, 1).build());

        follower.raft.propose(bytes("x"));
        List<Message> out = follower.processReady();

        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.getType()).isEqualTo(MessageType.MSG_PROPOSE);
            assertThat(m.getTo()).isEqualTo(1);
            assertThat(m.getTerm()).isZero();
            assertThat(m.getEntriesList()).extracting(e -> e.getData().toStringUtf8()).containsExactly("x");
        });
        assertThat(follower.status().lastIndex()).as("nothing appended locally").isZero();
    }

    @Test
    void aFollowerForwardsTheProposalsOfOneReadyAsOneMessageAndAConfigurationChangeAlone() {
        Replica follower = new Replica(config(2), storage(voters(1, 2, 3)));
        follower.step(message(MessageType.MSG_HEARTBEAT, 1, 2, 1).build());

        follower.raft.propose(bytes("x"));
        follower.raft.propose(bytes("y"));
        follower.raft.proposeConfChange(ConfChange.newBuilder().setType(ConfChangeType.CONF_REMOVE_NODE).setNodeId(3).build());
        follower.raft.propose(bytes("z"));
        List<Message> out = follower.processReady();

        assertThat(out).allSatisfy(m -> assertThat(m.getType()).isEqualTo(MessageType.MSG_PROPOSE))
                .extracting(m -> m.getEntriesList().stream().map(Entry::getType).toList())
                .containsExactly(List.of(EntryType.ENTRY_NORMAL, EntryType.ENTRY_NORMAL), List.of(EntryType.ENTRY_CONF_CHANGE),
                        List.of(EntryType.ENTRY_NORMAL));
        assertThat(out.get(0).getEntriesList()).extracting(e -> e.getData().toStringUtf8()).containsExactly("x", "y");
    }

    @Test
    void aFollowersForwardedBatchHoldsAtMostMaxSizePerMessage() {
        long entryBytes = Entry.newBuilder().setType(EntryType.ENTRY_NORMAL).setData(bytes("x".repeat(100))).build().getSerializedSize();
        RaftConfig base = config(2);
        RaftConfig small = new RaftConfig(base.id(), base.electionTick(), base.heartbeatTick(), 2 * entryBytes + entryBytes / 2,
                base.maxInflightMessages(), base.maxInflightBytes(), base.maxApplyBytes(), base.preVote(), base.checkQuorum(),
                base.readOnlyOption(), base.applied());
        Replica follower = new Replica(small, storage(voters(1, 2, 3)));
        follower.step(message(MessageType.MSG_HEARTBEAT, 1, 2, 1).build());

        for (int i = 0; i < 5; i++) {
            follower.raft.propose(bytes("x".repeat(100)));
        }

        assertThat(follower.processReady()).extracting(Message::getEntriesCount).containsExactly(2, 2, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodesWithoutLeader")
    void proposalWithoutAKnownLeaderIsDropped(String state, Consumer<RaftNode> setUp) {
        Replica r = new Replica(config(1).withPreVote(state.equals("pre-candidate")), storage(voters(1, 2, 3)));
        setUp.accept(r.raft);
        r.processReady();

        assertThatThrownBy(() -> r.raft.propose(bytes("x"))).isInstanceOf(ProposalDroppedException.class);
        assertThat(r.raft.hasReady()).isFalse();
        assertThat(r.status().lastIndex()).isZero();
    }

    static Stream<Arguments> nodesWithoutLeader() {
        Consumer<RaftNode> nothing = n -> { };
        return Stream.of(
                arguments("fresh follower", nothing),
                arguments("pre-candidate", (Consumer<RaftNode>) RaftNode::campaign),
                arguments("candidate", (Consumer<RaftNode>) RaftNode::campaign));
    }

    /**
     * Requests only a leader can serve, arriving at follower 2 from node 3: relayed unchanged (the sender
     * kept) to the leader it knows, dropped when it knows none.
     */
    @ParameterizedTest(name = "{0}, leader known={1}")
    @MethodSource("relayedRequests")
    void followerRelaysLeaderOnlyRequests(MessageType type, boolean leaderKnown) {
        Replica follower = new Replica(config(2), storage(voters(1, 2, 3)));
        if (leaderKnown) {
            follower.step(message(MessageType.MSG_HEARTBEAT, 1, 2, 1).build());
        }
        Message request = message(type, 3, 2, 0).setContext(bytes("ctx"))
                .addEntries(Entry.newBuilder().setData(bytes("x"))).build();

        List<Message> out = follower.step(request);

        if (!leaderKnown) {
            assertThat(out).isEmpty();
            return;
        }
        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.getType()).isEqualTo(type);
            assertThat(m.getTo()).isEqualTo(1);
            assertThat(m.getFrom()).isEqualTo(3);
            assertThat(m.getContext()).isEqualTo(request.getContext());
            assertThat(m.getEntriesList()).isEqualTo(request.getEntriesList());
        });
    }

    static Stream<Arguments> relayedRequests() {
        return Stream.of(MessageType.MSG_PROPOSE, MessageType.MSG_READ_INDEX, MessageType.MSG_TRANSFER_LEADER)
                .flatMap(type -> Stream.of(arguments(type, true), arguments(type, false)));
    }

    /**
     * The leader's own entry counts toward the quorum only after the owner persisted it: an ack from one
     * follower of three is not enough while the leader's copy is only in memory.
     */
    @Test
    void leaderCountsItsOwnEntriesOnlyOncePersisted() {
        Replica leader = Replica.elected(config(1), storage(voters(1, 2, 3)));
        leader.step(message(MessageType.MSG_APPEND_RESPONSE, 2, 1, 1).setIndex(1).build());
        assertThat(leader.status().commit()).isEqualTo(1);

        leader.raft.propose(bytes("x"));
        leader.raft.step(message(MessageType.MSG_APPEND_RESPONSE, 2, 1, 1).setIndex(2).build());
        assertThat(leader.status().commit()).as("own copy not yet persisted").isEqualTo(1);

        Ready rd = leader.raft.ready();
        assertThat(rd.entries()).extracting(Entry::getIndex).containsExactly(2L);
        assertThat(rd.committedEntries()).isEmpty();
        leader.raft.advance(rd);
        assertThat(leader.status().commit()).isEqualTo(2);

        Ready next = leader.raft.ready();
        assertThat(next.committedEntries()).extracting(e -> e.getData().toStringUtf8()).containsExactly("x");
        assertThat(next.messages()).filteredOn(m -> m.getType() == MessageType.MSG_APPEND)
                .extracting(Message::getTo, Message::getCommit)
                .contains(tuple(2L, 2L));
    }

    @Test
    void singleNodeCommitsOnlyAfterAdvance() {
        Replica solo = Replica.elected(config(1), storage(voters(1)));
        assertThat(solo.status().commit()).isEqualTo(1);

        solo.raft.propose(bytes("x"));
        Ready rd = solo.raft.ready();

        assertThat(rd.entries()).extracting(Entry::getIndex).containsExactly(2L);
        assertThat(solo.status().commit()).isEqualTo(1);
        solo.raft.advance(rd);
        assertThat(solo.status().commit()).isEqualTo(2);
    }

    /**
     * Entries of an old term that never reached a quorum are committed by the next leader's first entry
     * (Raft §5.4.2): node 1 wrote two proposals that only node 2 got, then node 2 won term 2.
     */
    @Test
    void newLeaderCommitsEarlierEntriesWithItsOwnFirstEntry() {
        TestNetwork net = TestNetwork.ofVoters(Fixtures::config, 1, 2, 3, 4, 5);
        net.campaign(1);
        net.cut(1, 3).cut(1, 4).cut(1, 5);
        net.propose(1, "a");
        net.propose(1, "b");
        assertThat(net.node(1).status().commit()).isEqualTo(1);

        net.heal();
        net.campaign(2);

        assertThat(net.leaders()).containsExactly(2L);
        for (long id = 1; id <= 5; id++) {
            assertThat(net.node(id).status().commit()).as("commit of %d", id).isEqualTo(4);
            assertThat(net.replica(id).appliedData()).as("applied on %d", id).containsExactly("a", "b");
        }
    }

    /**
     * A deposed leader holds two entries of term 1 nobody else has. The new leader's log wins: the
     * follower truncates the conflicting suffix (§5.3) and never applies the lost entries.
     */
    @Test
    void followerReplacesAConflictingUncommittedSuffix() {
        TestNetwork net = TestNetwork.ofVoters(Fixtures::config, 1, 2, 3);
        net.campaign(1);
        net.isolate(1);
        net.propose(1, "lost 1");
        net.propose(1, "lost 2");
        assertThat(net.replica(1).logTerms()).containsExactly(1L, 1L, 1L);

        net.campaign(2);
        net.propose(2, "kept");
        net.heal();
        net.tick(2, 1);

        for (long id = 1; id <= 3; id++) {
            assertThat(net.replica(id).logTerms()).as("log of %d", id).containsExactly(1L, 2L, 2L);
            assertThat(net.replica(id).appliedData()).as("applied on %d", id).containsExactly("kept");
        }
        assertThat(net.node(1).status().leader()).isEqualTo(2);
    }
}
