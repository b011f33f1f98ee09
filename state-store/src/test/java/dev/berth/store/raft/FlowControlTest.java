package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.ELECTION_TICK;
import static dev.berth.store.raft.Fixtures.HEARTBEAT_TICK;
import static dev.berth.store.raft.Fixtures.hardState;
import static dev.berth.store.raft.Fixtures.message;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-follower flow control: a window of unacknowledged appends, and a size cap per append. */
class FlowControlTest {
    private static final ByteString PAYLOAD = ByteString.copyFrom(new byte[100]);

    private static RaftConfig flowConfig(long id, long maxSizePerMessage, int maxInflight, long maxInflightBytes) {
        return new RaftConfig(id, ELECTION_TICK, HEARTBEAT_TICK, maxSizePerMessage, maxInflight, maxInflightBytes,
                64L << 20, false, false, ReadOnlyOption.SAFE, 0);
    }

    /** Leader 1 of {1, 2} with follower 2 acknowledged up to index 1, so it replicates optimistically. */
    private static Replica replicatingLeader(RaftConfig config) {
        Replica leader = Replica.elected(config, MemoryStorage.withConfState(voters(1, 2)));
        leader.step(ack(1));
        return leader;
    }

    /** Proposes {@code count} entries one by one; returns the entry indexes of each append sent to 2. */
    private static List<List<Long>> propose(Replica leader, int count) {
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leader.raft.propose(PAYLOAD);
            out.addAll(leader.processReady());
        }
        return appendedIndexes(out);
    }

    private static List<List<Long>> appendedIndexes(List<Message> messages) {
        return messages.stream()
                .filter(m -> m.getType() == MessageType.MSG_APPEND && m.getTo() == 2 && m.getEntriesCount() > 0)
                .map(m -> m.getEntriesList().stream().map(Entry::getIndex).toList())
                .toList();
    }

    private static Message ack(long index) {
        return message(MessageType.MSG_APPEND_RESPONSE, 2, 1, 1).setIndex(index).build();
    }

    @ParameterizedTest(name = "maxInflightMessages={0}")
    @ValueSource(ints = {1, 2, 3})
    void leaderStopsSendingAfterTheWindowIsFull(int window) {
        Replica leader = replicatingLeader(flowConfig(1, 1 << 20, window, 0));

        List<List<Long>> sent = propose(leader, 5);

        List<List<Long>> expected = LongStream.rangeClosed(2, window + 1).mapToObj(i -> List.of(i)).toList();
        assertThat(sent).isEqualTo(expected);
    }

    @Test
    void ackFreesTheWindowAndTheBacklogGoesOutInOneAppend() {
        Replica leader = replicatingLeader(flowConfig(1, 1 << 20, 3, 0));
        assertThat(propose(leader, 5)).containsExactly(List.of(2L), List.of(3L), List.of(4L));

        assertThat(appendedIndexes(leader.step(ack(2)))).containsExactly(List.of(5L, 6L));
        assertThat(appendedIndexes(leader.step(ack(3)))).isEmpty();
        assertThat(propose(leader, 1)).containsExactly(List.of(7L));
    }

    @Test
    void heartbeatResponseFreesOneSlotOfAFullWindow() {
        Replica leader = replicatingLeader(flowConfig(1, 1 << 20, 2, 0));
        assertThat(propose(leader, 4)).containsExactly(List.of(2L), List.of(3L));

        List<Message> out = leader.step(message(MessageType.MSG_HEARTBEAT_RESPONSE, 2, 1, 1).build());

        assertThat(appendedIndexes(out)).containsExactly(List.of(4L, 5L));
        assertThat(propose(leader, 1)).as("the window is full again").isEmpty();
    }

    @Test
    void byteLimitPausesTheFollowerToo() {
        long entrySize = Entry.newBuilder().setTerm(1).setIndex(2).setData(PAYLOAD).build().getSerializedSize();
        Replica leader = replicatingLeader(flowConfig(1, 1 << 20, 256, 2 * entrySize));

        assertThat(propose(leader, 4)).containsExactly(List.of(2L), List.of(3L));
        assertThat(appendedIndexes(leader.step(ack(2)))).containsExactly(List.of(4L, 5L));
    }

    /** An unreachable follower is probed one append at a time instead of pipelined to. */
    @Test
    void unreachableFollowerIsProbedInsteadOfPipelined() {
        Replica leader = replicatingLeader(flowConfig(1, 1 << 20, 256, 0));
        assertThat(propose(leader, 2)).containsExactly(List.of(2L), List.of(3L));

        leader.raft.reportUnreachable(2);

        assertThat(propose(leader, 3)).as("one probe from after the match point").containsExactly(List.of(2L, 3L, 4L));
        assertThat(appendedIndexes(leader.step(ack(4)))).containsExactly(List.of(5L, 6L));
    }

    /**
     * A follower that is seven entries behind catches up in appends of at most maxSizePerMessage bytes
     * (here two entries' worth), pipelined once its first probe is accepted.
     */
    @Test
    void catchUpIsSplitIntoAppendsOfAtMostMaxSizePerMessage() {
        List<Entry> log = new ArrayList<>();
        for (long i = 1; i <= 7; i++) {
            log.add(Entry.newBuilder().setTerm(1).setIndex(i).setData(PAYLOAD).build());
        }
        long twoEntries = 2L * log.get(1).getSerializedSize();
        MemoryStorage leaderDisk = MemoryStorage.withConfState(voters(1, 2));
        leaderDisk.append(log);
        leaderDisk.setHardState(hardState(1, 0, 7));
        TestNetwork net = TestNetwork.of(
                new Replica(flowConfig(1, twoEntries, 256, 0), leaderDisk),
                new Replica(flowConfig(2, twoEntries, 256, 0), MemoryStorage.withConfState(voters(1, 2))));

        net.campaign(1);

        assertThat(appendedIndexes(net.sent(MessageType.MSG_APPEND)))
                .containsExactly(List.of(8L), List.of(1L, 2L), List.of(3L, 4L), List.of(5L, 6L), List.of(7L, 8L));
        assertThat(net.node(2).status().commit()).isEqualTo(8);
        assertThat(net.replica(2).appliedData()).hasSize(7);
    }
}
