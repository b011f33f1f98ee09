package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.bytes;
import static dev.berth.store.raft.Fixtures.config;
import static dev.berth.store.raft.Fixtures.hardState;
import static dev.berth.store.raft.Fixtures.message;
import static dev.berth.store.raft.Fixtures.storage;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import dev.berth.store.raft.pb.Snapshot;
import dev.berth.store.raft.pb.SnapshotMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Snapshots: a follower behind the leader's compacted log is sent the state instead of the entries. */
class SnapshotTest {

    /**
     * Leader 1 commits five proposals while node 3 is cut off, then snapshots at 6 and compacts its log.
     * When node 3 is back, the entries it needs are gone.
     */
    private static TestNetwork compactedWhileThreeWasAway() {
        return compactedWhileThreeWasAway(TestNetwork.ofVoters(Fixtures::config, 1, 2, 3));
    }

    private static TestNetwork compactedWhileThreeWasAway(TestNetwork net) {
        net.campaign(1);
        net.isolate(3);
        for (int i = 1; i <= 5; i++) {
            net.propose(1, "v" + i);
        }
        Replica leader = net.replica(1);
        assertThat(leader.status().applied()).isEqualTo(6);
        leader.storage.createSnapshot(6, leader.raft.confState(), bytes("state at 6"));
        leader.storage.compact(6);
        net.heal();
        net.clearSent();
        return net;
    }

    @Test
    void followerBehindACompactedLogIsSentAndRestoresTheSnapshot() {
        TestNetwork net = compactedWhileThreeWasAway();

        net.tick(1, 1);

        assertThat(net.sent(MessageType.MSG_SNAPSHOT)).singleElement().satisfies(m -> {
            assertThat(m.getTo()).isEqualTo(3);
            assertThat(m.getSnapshot().getMetadata().getIndex()).isEqualTo(6);
            assertThat(m.getSnapshot().getMetadata().getTerm()).isEqualTo(1);
            assertThat(m.getSnapshot().getData().toStringUtf8()).isEqualTo("state at 6");
        });
        Replica three = net.replica(3);
        assertThat(three.restored).extracting(s -> s.getMetadata().getIndex()).containsExactly(6L);
        assertThat(three.status().commit()).isEqualTo(6);
        assertThat(three.status().applied()).isEqualTo(6);
        assertThat(three.storage.firstIndex()).isEqualTo(7);
        assertThat(three.appliedData()).as("the entries themselves are never applied").isEmpty();

        net.propose(1, "after");
        assertThat(three.appliedData()).containsExactly("after");
        assertThat(three.status().commit()).isEqualTo(7);
    }

    /** A lost snapshot puts the follower back to probing, paused until the next heartbeat round. */
    @Test
    void failedSnapshotIsRetriedAfterTheNextHeartbeat() {
        TestNetwork net = compactedWhileThreeWasAway();
        net.drop(m -> m.getType() == MessageType.MSG_SNAPSHOT);

        net.tick(1, 1);
        assertThat(net.sent(MessageType.MSG_SNAPSHOT)).hasSize(1);
        assertThat(net.sent(MessageType.MSG_APPEND)).filteredOn(m -> m.getTo() == 3).hasSize(1);

        net.tick(1, 1);
        assertThat(net.sent(MessageType.MSG_SNAPSHOT)).hasSize(2);

        net.heal();
        net.tick(1, 1);
        assertThat(net.sent(MessageType.MSG_SNAPSHOT)).hasSize(3);
        assertThat(net.replica(3).restored).hasSize(1);
        assertThat(net.node(3).status().commit()).isEqualTo(6);
    }

    /**
     * A leader whose storage keeps only the snapshot's metadata reads the data back to send it; while it cannot (the
     * file is being replaced, the disk fails), it sends nothing and tries again on the next heartbeat round.
     */
    @Test
    void snapshotReadBackFromItsSourceIsSentOnceReadable() {
        AtomicBoolean readable = new AtomicBoolean(false);
        List<Long> reads = new ArrayList<>();
        MemoryStorage leaderStorage = MemoryStorage.readingSnapshotsFrom(metadata -> {
            reads.add(metadata.getIndex());
            if (!readable.get()) {
                throw new IOException("snapshot file unreadable");
            }
            return bytes("state at " + metadata.getIndex() + ", from its file");
        });
        leaderStorage.applySnapshot(Snapshot.newBuilder()
                .setMetadata(SnapshotMetadata.newBuilder().setConfState(voters(1, 2, 3))).build());
        TestNetwork net = compactedWhileThreeWasAway(TestNetwork.of(new Replica(config(1), leaderStorage, 0),
                new Replica(config(2), MemoryStorage.withConfState(voters(1, 2, 3)), 1),
                new Replica(config(3), MemoryStorage.withConfState(voters(1, 2, 3)), 2)));
        assertThat(reads).as("creating the snapshot does not read it back").isEmpty();

        net.tick(1, 1);
        assertThat(reads).containsExactly(6L);
        assertThat(net.sent(MessageType.MSG_SNAPSHOT)).isEmpty();
        assertThat(net.replica(3).restored).isEmpty();

        readable.set(true);
        net.tick(1, 1);
        assertThat(net.sent(MessageType.MSG_SNAPSHOT)).singleElement().satisfies(m ->
                assertThat(m.getSnapshot().getData().toStringUtf8()).isEqualTo("state at 6, from its file"));
        assertThat(net.replica(3).restored).extracting(r -> r.getMetadata().getIndex()).containsExactly(6L);
        assertThat(net.node(3).status().commit()).isEqualTo(6);
    }

    @Test
    void nothingElseGoesToTheFollowerUntilItsSnapshotLands() {
        TestNetwork net = compactedWhileThreeWasAway();
        net.hold(m -> m.getType() == MessageType.MSG_SNAPSHOT);
        net.tick(1, 1);
        List<Message> snapshot = net.takeHeld();
        assertThat(snapshot).singleElement().extracting(Message::getTo).isEqualTo(3L);
        net.clearSent();

        net.propose(1, "during");

        assertThat(net.sent()).filteredOn(m -> m.getTo() == 3).isEmpty();
        assertThat(net.sent(MessageType.MSG_APPEND)).filteredOn(m -> m.getTo() == 2).isNotEmpty();
        net.heal();
        net.send(snapshot);
        assertThat(net.replica(3).appliedData()).containsExactly("during");
        assertThat(net.node(3).status().commit()).isEqualTo(7);
    }

    /**
     * Follower 2 has log [1, 1, 1, 1, 1] with 3 committed. A snapshot at or below its commit is stale and
     * ignored; one whose (index, term) it already has only moves its commit; any other replaces its log.
     */
    @ParameterizedTest(name = "snapshot at ({0}, term {1}) -> restored={2}, commit {3}")
    @MethodSource("snapshots")
    void staleOrKnownSnapshotsAreNotRestored(long index, long term, boolean restored, long commit) {
        Replica follower = new Replica(config(2), storage(voters(1, 2, 3), hardState(1, 0, 3), 1, 1, 1, 1, 1));
        follower.processReady();
        Snapshot snapshot = Snapshot.newBuilder()
                .setMetadata(SnapshotMetadata.newBuilder().setIndex(index).setTerm(term).setConfState(voters(1, 2)))
                .setData(bytes("state"))
                .build();

        follower.raft.step(message(MessageType.MSG_SNAPSHOT, 1, 2, 2).setSnapshot(snapshot).build());
        Ready rd = follower.raft.ready();

        assertThat(rd.hasSnapshot()).isEqualTo(restored);
        assertThat(rd.messages()).singleElement().satisfies(m -> {
            assertThat(m.getType()).isEqualTo(MessageType.MSG_APPEND_RESPONSE);
            assertThat(m.getReject()).isFalse();
            assertThat(m.getIndex()).isEqualTo(commit);
        });
        follower.raft.advance(rd);
        RaftStatus s = follower.status();
        assertThat(s.commit()).isEqualTo(commit);
        if (restored) {
            assertThat(rd.mustSync()).isTrue();
            assertThat(s.applied()).isEqualTo(index);
            assertThat(s.lastIndex()).isEqualTo(index);
            assertThat(follower.storage.firstIndex()).isEqualTo(index + 1);
            assertThat(s.confState()).isEqualTo(voters(1, 2));
        } else {
            assertThat(s.confState()).isEqualTo(voters(1, 2, 3));
        }
    }

    static Stream<Arguments> snapshots() {
        return Stream.of(
                arguments(2L, 1L, false, 3L),
                arguments(3L, 1L, false, 3L),
                // At or below the commit index it is ignored even if its term disagrees: committed is final.
                arguments(2L, 5L, false, 3L),
                arguments(3L, 2L, false, 3L),
                arguments(5L, 1L, false, 5L),
                arguments(5L, 2L, true, 5L),
                arguments(8L, 2L, true, 8L));
    }

    @Test
    void restartAfterARestoredSnapshotStartsFromIt() {
        MemoryStorage disk = storage(voters(1, 2, 3));
        Replica follower = new Replica(config(2), disk);
        Snapshot snapshot = Snapshot.newBuilder()
                .setMetadata(SnapshotMetadata.newBuilder().setIndex(10).setTerm(3).setConfState(voters(1, 2, 3)))
                .build();
        follower.step(message(MessageType.MSG_SNAPSHOT, 1, 2, 3).setSnapshot(snapshot).build());
        follower.step(message(MessageType.MSG_APPEND, 1, 2, 3).setIndex(10).setLogTerm(3).setCommit(11)
                .addEntries(Entry.newBuilder().setIndex(11).setTerm(3)).build());

        Replica restarted = new Replica(config(2).withApplied(10), disk);

        RaftStatus s = restarted.status();
        assertThat(s.term()).isEqualTo(3);
        assertThat(s.commit()).isEqualTo(11);
        assertThat(s.applied()).isEqualTo(10);
        assertThat(s.lastIndex()).isEqualTo(11);
        restarted.processReady();
        assertThat(restarted.applied).extracting(Entry::getIndex).containsExactly(11L);
    }
}
