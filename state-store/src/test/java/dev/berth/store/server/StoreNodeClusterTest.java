package dev.berth.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.transport.TransportOptions;
import dev.berth.store.wal.WalOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three store members in one JVM on loopback, with real WALs, snapshots and the TCP transport. */
class StoreNodeClusterTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private final Map<String, StoreNode> nodes = new LinkedHashMap<>();
    private final Map<String, MapStateMachine> machines = new LinkedHashMap<>();
    private Map<String, URI> cluster;

    @BeforeEach
    void setUp() throws IOException {
        vertx = Vertx.vertx();
        cluster = new LinkedHashMap<>();
        for (String name : List.of("n1", "n2", "n3")) {
            cluster.put(name, URI.create("http://127.0.0.1:" + LoopbackPorts.free()));
        }
    }

    @AfterEach
    void tearDown() {
        nodes.values().forEach(StoreNode::close);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private StoreNodeConfig config(String name, long snapshotCount) {
        return new StoreNodeConfig(name, dir.resolve(name), cluster.get(name), cluster.get(name), cluster, true, "test",
                Duration.ofMillis(20), 10, snapshotCount, Duration.ofSeconds(5), WalOptions.defaults());
    }

    private void start(String name, long snapshotCount) throws IOException {
        MapStateMachine machine = new MapStateMachine();
        machines.put(name, machine);
        nodes.put(name, StoreNode.start(config(name, snapshotCount), machine, vertx));
    }

    /** Starts every member; returns the leader they elect. */
    private StoreNode startAll(long snapshotCount) throws IOException {
        for (String name : cluster.keySet()) {
            start(name, snapshotCount);
        }
        return awaitLeader();
    }

    private StoreNode awaitLeader() {
        await().atMost(Duration.ofSeconds(10)).until(() -> leader().isPresent());
        return leader().orElseThrow();
    }

    private Optional<StoreNode> leader() {
        return nodes.values().stream().filter(StoreNode::isRunning)
                .filter(n -> n.status().role() == RoleKind.LEADER).findFirst();
    }

    private List<String> writeThrough(StoreNode node, int from, int count) throws Exception {
        List<CompletableFuture<Object>> writes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            keys.add("k" + i);
            writes.add(node.propose(MapStateMachine.put("k" + i, "v" + i)));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        return keys;
    }

    /** {@code count} writes to the keys k0 to k99 in turn, 500 at a time: key {@code k<i>} ends as {@code v<count - 100 + i>}. */
    private static void overwriteHundredKeys(StoreNode leader, int count) throws Exception {
        for (int from = 0; from < count; from += 500) {
            List<CompletableFuture<Object>> writes = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 500); i++) {
                writes.add(leader.propose(MapStateMachine.put("k" + (i % 100), "v" + i)));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        }
    }

    /** Writes k0 to k9 through {@code leader}, then stops one of its followers; returns the follower's name. */
    private String stopAFollowerAfterTenWrites(StoreNode leader) throws Exception {
        writeThrough(leader, 0, 10);
        String away = nodes.keySet().stream().filter(n -> !n.equals(leader.name())).findFirst().orElseThrow();
        nodes.remove(away).close();
        return away;
    }

    /** The index of the newest snapshot file member {@code name} has published, or 0. */
    private long newestSnapshotIndex(String name) throws IOException {
        try (Stream<Path> files = Files.list(StoreNodeConfig.snapDir(dir.resolve(name)))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".snap"))
                    .mapToLong(f -> Long.parseUnsignedLong(f.substring(17, 33), 16))
                    .max().orElse(0);
        }
    }

    @Test
    void replicatesWritesSurvivesLeaderLossAndRestartsFromDisk() throws Exception {
        StoreNode leader = startAll(50);
        List<String> acknowledged = new ArrayList<>(writeThrough(leader, 0, 120));

        String oldLeader = leader.name();
        leader.close();
        nodes.remove(oldLeader);
        StoreNode next = awaitLeader();
        assertThat(next.name()).isNotEqualTo(oldLeader);
        acknowledged.addAll(writeThrough(next, 120, 80));

        for (StoreNode n : nodes.values()) {
            n.close();
        }
        nodes.clear();
        for (String name : cluster.keySet()) {
            start(name, 50);
        }
        StoreNode restarted = awaitLeader();
        restarted.readBarrier().get(10, TimeUnit.SECONDS);
        for (String name : cluster.keySet()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(machines.get(name).values.keySet()).containsAll(acknowledged));
        }
        assertThat(machines.get(restarted.name()).values).containsEntry("k199", "v199");
        assertThat(restarted.members()).extracting(m -> m.getName()).containsExactlyInAnyOrder("n1", "n2", "n3");
    }

    /**
     * A follower away while the leader wrote past its log's catch-up window gets the leader's snapshot, which the
     * leader reads back from its snapshot file (its storage keeps only the metadata), then the entries after it.
     */
    @Test
    void aFollowerBehindTheCompactedLogIsSentTheSnapshotFromTheLeadersFile() throws Exception {
        StoreNode leader = startAll(50);
        String away = stopAFollowerAfterTenWrites(leader);

        // 100 keys, so each snapshot holds 100 records and they come every 100 entries; 6,000 entries put the
        // leader's first index well past the 5,000 it keeps after a snapshot.
        overwriteHundredKeys(leader, 6_000);
        start(away, 50);

        MapStateMachine caughtUp = machines.get(away);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(caughtUp.values).isEqualTo(machines.get(leader.name()).values));
        assertThat(caughtUp.restores).as("restored the leader's snapshot, not replayed entries only").isEqualTo(1);
        assertThat(caughtUp.values).containsEntry("k99", "v5999");
    }

    /**
     * A snapshot larger than the transport's largest frame reaches the follower all the same: the transport streams
     * it in pieces and the leader waits for the stream before it probes the follower again.
     */
    @Test
    void aFollowerBehindTheCompactedLogGetsASnapshotLargerThanAFrame() throws Exception {
        StoreNode leader = startAll(2_000);
        String away = stopAFollowerAfterTenWrites(leader);

        // 100 values of 700 KB: a state of 70 MB, above the 64 MiB frame limit. Then small writes until a snapshot
        // of the leader's (every 2,000 entries at the soonest, each taking a while at this size) lets it compact its
        // log, keeping 5,000 entries, past where the follower stopped.
        String large = "x".repeat(700_000);
        for (int i = 0; i < 100; i++) {
            leader.propose(MapStateMachine.put("big" + i, large + i)).get(20, TimeUnit.SECONDS);
        }
        // Snapshots are due by entries applied, so the writes go on until one far enough along is published; each
        // takes a while on a loaded machine, hence a deadline rather than a number of rounds.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (newestSnapshotIndex(leader.name()) < 5_500 && System.nanoTime() < deadline) {
            overwriteHundredKeys(leader, 500);
        }
        assertThat(newestSnapshotIndex(leader.name())).as("the leader compacted past the follower").isGreaterThan(5_500);
        assertThat(machines.get(leader.name()).snapshot().size()).isGreaterThan(TransportOptions.DEFAULT_MAX_FRAME_BYTES);
        start(away, 2_000);

        MapStateMachine caughtUp = machines.get(away);
        // Compared without AssertJ, whose failure message would print 70 MB of values.
        await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp.values.equals(machines.get(leader.name()).values));
        assertThat(caughtUp.restores).as("restored the leader's snapshot, not replayed entries only").isEqualTo(1);
    }

    @Test
    void readBarrierOnAFollowerSeesTheLeadersWrites() throws Exception {
        StoreNode leader = startAll(10_000);
        writeThrough(leader, 0, 10);
        StoreNode follower = nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
        follower.readBarrier().get(10, TimeUnit.SECONDS);
        assertThat(machines.get(follower.name()).values).containsEntry("k9", "v9");
    }

    @Test
    void aCommandTheStateMachineRejectsFailsOnlyItsCaller() throws Exception {
        StoreNode leader = startAll(10_000);
        assertThatThrownBy(() -> leader.propose(com.google.protobuf.ByteString.copyFromUtf8("no-equals-sign")).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("not key=value");
        assertThat(leader.propose(MapStateMachine.put("a", "1")).get(10, TimeUnit.SECONDS)).isInstanceOf(Long.class);
    }
}
