package dev.berth.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.mvcc.MvccOptions;
import dev.berth.store.mvcc.ReplayCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops {@code berth store} cleanly: exit code 143 (the JVM's for SIGTERM once its shutdown hooks ran) or 0,
 * nothing printed at the default log level (warnings only, so no INFO line and no exception from the shutdown
 * hook), and the backend sealed so that the next start recovers it instead of rebuilding it from the log.
 */
class StoreShutdownIT {
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final int KEYS = 50;

    @TempDir
    Path workDir;

    @Test
    void sigtermSealsTheBackendQuietlyAndTheNextStartTrustsIt() throws Exception {
        try (StoreCluster cluster = StoreCluster.of(workDir, List.of("solo"))) {
            StoreProcess solo = cluster.members.get(0);
            cluster.start(solo);
            cluster.awaitLeader(Duration.ofSeconds(60), null);
            for (int i = 0; i < KEYS; i++) {
                cluster.client().put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(WriteLoad.PREFIX + i))
                        .setValue(ByteString.copyFromUtf8("v" + i)).build()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }

            assertThat(solo.terminate(STOP)).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(solo.output()).as("output of a first start, writes and SIGTERM at the default log level").isEmpty();

            cluster.start(solo, Map.of("BERTH_LOG_LEVEL", "info"));
            cluster.awaitLeader(Duration.ofSeconds(60), null);
            assertThat(cluster.readPrefix(WriteLoad.PREFIX)).hasSize(KEYS);
            assertThat(solo.terminate(STOP)).as("exit code after the second SIGTERM").isIn(0, 143);
            String restart = solo.output();
            assertThat(restart).as("the restart trusts the sealed backend").contains("recovered at index")
                    .doesNotContain("discarded", "restored the snapshot");
            assertThat(restart).as("INFO lines show when asked for").contains(" INFO ");
            assertThat(restart).doesNotContain("Exception", " ERROR ");
            assertThat(ReplayCheck.check(solo.dataDir, MvccOptions.defaults())).isInstanceOf(ReplayCheck.Equal.class);
        }
    }
}
