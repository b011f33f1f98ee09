package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.config;
import static dev.berth.store.raft.Fixtures.entry;
import static dev.berth.store.raft.Fixtures.hardState;
import static dev.berth.store.raft.Fixtures.message;
import static dev.berth.store.raft.Fixtures.storage;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.HardState;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What a Ready hands the owner: only what changed, and an fsync only when a term, vote or entry changed. */
class ReadyTest {

    @Test
    void freshNodeHasNothingToDo() {
        RaftNode node = new RaftNode(config(1), storage(voters(1, 2, 3)), new FixedJitter(0));

        assertThat(node.hasReady()).isFalse();
    }

    /**
     * Follower 2 at term 1, vote 0, log [1, 1] with nothing committed, steps one message from leader 1.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void hardStateAndSyncReflectWhatChanged(String input, Message message, HardState hardState, boolean mustSync,
            List<Long> entries) {
        Replica follower = new Replica(config(2), storage(voters(1, 2, 3), hardState(1, 0, 0), 1, 1));

        follower.raft.step(message);
        Ready rd = follower.raft.ready();

        assertThat(rd.hardState()).isEqualTo(hardState);
        assertThat(rd.mustSync()).isEqualTo(mustSync);
        assertThat(rd.entries()).extracting(Entry::getIndex).isEqualTo(entries);
        assertThat(rd.softState()).isEqualTo(new SoftState(1, RoleKind.FOLLOWER));
    }

    static Stream<Arguments> inputs() {
        return Stream.of(
                arguments("heartbeat moving only the commit",
                        message(MessageType.MSG_HEARTBEAT, 1, 2, 1).setCommit(2).build(),
                        hardState(1, 0, 2), false, List.of()),
                arguments("heartbeat of a new term",
                        message(MessageType.MSG_HEARTBEAT, 1, 2, 2).build(), hardState(2, 0, 0), true, List.of()),
                arguments("append of new entries",
                        message(MessageType.MSG_APPEND, 1, 2, 1)
                                .setIndex(2).setLogTerm(1).addEntries(entry(3, 1)).build(),
                        HardState.getDefaultInstance(), true, List.of(3L)));
    }

    @Test
    void afterAdvanceOnlyNewChangesAreReported() {
        Replica follower = new Replica(config(2), storage(voters(1, 2, 3), hardState(1, 0, 0), 1, 1));
        follower.step(message(MessageType.MSG_HEARTBEAT, 1, 2, 1).setCommit(2).build());
        assertThat(follower.raft.hasReady()).isFalse();

        follower.raft.step(message(MessageType.MSG_HEARTBEAT, 1, 2, 1).setCommit(2).build());
        Ready rd = follower.raft.ready();

        assertThat(rd.softState()).isNull();
        assertThat(rd.hasHardState()).isFalse();
        assertThat(rd.committedEntries()).isEmpty();
        assertThat(rd.mustSync()).isFalse();
        assertThat(rd.messages()).extracting(Message::getType).containsExactly(MessageType.MSG_HEARTBEAT_RESPONSE);
    }

    @Test
    void committedEntriesComeOutOnceInOrder() {
        Replica follower = new Replica(config(2), storage(voters(1, 2, 3), hardState(1, 0, 0), 1, 1));

        follower.step(message(MessageType.MSG_HEARTBEAT, 1, 2, 1).setCommit(1).build());
        follower.step(message(MessageType.MSG_HEARTBEAT, 1, 2, 1).setCommit(2).build());
        follower.step(message(MessageType.MSG_HEARTBEAT, 1, 2, 1).setCommit(2).build());

        assertThat(follower.applied).extracting(Entry::getIndex).containsExactly(1L, 2L);
        assertThat(follower.status().applied()).isEqualTo(2);
    }

    /**
     * What may leave before the batch is durable: a leader's replication traffic and a follower's forwarded requests
     * (they promise nothing about the sender's disk); every answer and vote waits, since it promises a persisted
     * entry, term or vote.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = MessageType.class, mode = EnumSource.Mode.EXCLUDE, names = "UNRECOGNIZED")
    void onlyMessagesPromisingNothingOfTheSendersDiskLeaveBeforePersist(MessageType type) {
        Set<MessageType> early = EnumSet.of(MessageType.MSG_APPEND, MessageType.MSG_HEARTBEAT, MessageType.MSG_SNAPSHOT,
                MessageType.MSG_TIMEOUT_NOW, MessageType.MSG_PROPOSE, MessageType.MSG_READ_INDEX);

        assertThat(Ready.canSendBeforePersist(Message.newBuilder().setType(type).build())).isEqualTo(early.contains(type));
    }
}
