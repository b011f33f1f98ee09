package dev.berth.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.wal.WalOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A member spaces its snapshots by the size of the state it last snapshotted, not only by {@code --snapshot-count}:
 * each snapshot encodes the whole state, so a fixed spacing would make snapshot work grow with the state per write.
 */
class SnapshotSpacingTest {
    private static final long SNAPSHOT_COUNT = 10;
    /** Entries before the first put: the bootstrap configuration entry and the new leader's empty entry. */
    private static final long ENTRIES_BEFORE_PUTS = 2;

    @TempDir
    Path dir;

    @Test
    void snapshotsComeAfterAtLeastAsManyEntriesAsTheLastOneHeldRecords() throws Exception {
        URI peer = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        StoreNodeConfig config = new StoreNodeConfig("n1", dir.resolve("n1"), peer, peer, Map.of("n1", peer), true,
                "test", Duration.ofMillis(20), 10, SNAPSHOT_COUNT, Duration.ofSeconds(5), WalOptions.defaults());
        Vertx vertx = Vertx.vertx();
        StoreNode node = StoreNode.start(config, new MapStateMachine(), vertx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> node.status().role() == RoleKind.LEADER);
            for (int batch = 0; batch < 30; batch++) {
                List<CompletableFuture<Object>> writes = new ArrayList<>();
                for (int i = batch * 10; i < batch * 10 + 10; i++) {
                    writes.add(node.propose(MapStateMachine.put("k" + i, "v")));
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> snapshotIndexes(config.snapDir()).size() >= 3);
        } finally {
            node.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }

        List<Long> kept = snapshotIndexes(config.snapDir());
        for (int i = 1; i < kept.size(); i++) {
            long recordsAtPrevious = kept.get(i - 1) - ENTRIES_BEFORE_PUTS;
            assertThat(kept.get(i) - kept.get(i - 1))
                    .as("entries between the snapshots at %d and %d (kept: %s)", kept.get(i - 1), kept.get(i), kept)
                    .isGreaterThanOrEqualTo(Math.max(SNAPSHOT_COUNT, recordsAtPrevious));
        }
        assertThat(kept.get(kept.size() - 1)).as("newest snapshot index").isGreaterThan(100);
    }

    @ParameterizedTest(name = "snapshot count {0}, last snapshot held {1} records: next after {2} entries")
    @CsvSource({
        "10, 0, 10",
        "10, 5, 10",
        "10, 500, 500",
        "10, 1000000, 100000",
        "200000, 1000000, 200000",
    })
    void theSpacingFollowsTheStateUpToEtcdsDefaultSnapshotCount(long snapshotCount, long lastRecords, long spacing) {
        assertThat(SnapshotTaker.spacing(snapshotCount, lastRecords)).isEqualTo(spacing);
    }

    /** The indexes of the snapshot files in {@code snapDir} ({@code term-index.snap}, hex), ascending. */
    private static List<Long> snapshotIndexes(Path snapDir) throws IOException {
        try (Stream<Path> files = Files.list(snapDir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".snap"))
                    .map(n -> Long.parseLong(n.substring(17, 33), 16)).sorted().toList();
        }
    }
}
