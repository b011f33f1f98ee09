package dev.berth.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.store.mvcc.MvccOptions;
import dev.berth.store.mvcc.ReplayCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a member while writers run, then restart: every acknowledged put is there, no put refused for sure is,
 * and once every member is stopped with SIGTERM, each member's sealed Chronicle Map backend equals a replay of its
 * own snapshot and WAL ({@link ReplayCheck}). Right after the kill the victim's backend is unsealed, so its restart
 * cannot trust it and rebuilds from the log: the check then covers that rebuild as well as the live apply path.
 */
class StoreCrashIT {
    private static final int WRITERS = 4;
    private static final int MAX_PUTS = 20_000;
    private static final Duration PHASE = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    @Test
    void singleMemberKilledUnderLoad() throws Exception {
        try (StoreCluster cluster = StoreCluster.of(workDir, List.of("solo"))) {
            cluster.startAll();
            StoreProcess solo = cluster.awaitLeader(PHASE, null);
            crashUnderLoadAndCheck(cluster, solo);
        }
    }

    @Test
    void leaderOfThreeKilledUnderLoad() throws Exception {
        try (StoreCluster cluster = StoreCluster.of(workDir, List.of("s1", "s2", "s3"))) {
            cluster.startAll();
            StoreProcess leader = cluster.awaitLeader(PHASE, null);
            crashUnderLoadAndCheck(cluster, leader);
        }
    }

    private void crashUnderLoadAndCheck(StoreCluster cluster, StoreProcess victim) throws Exception {
        WriteLoad load = WriteLoad.start(cluster.client(), WRITERS, MAX_PUTS);
        try {
            load.awaitAcknowledged(300, PHASE);
            victim.kill9();
            assertThat(ReplayCheck.check(victim.dataDir, MvccOptions.defaults()))
                    .as("backend of %s right after kill -9", victim.name).isInstanceOf(ReplayCheck.NotSealed.class);
            long restartedAt = System.nanoTime();
            cluster.start(victim, Map.of("BERTH_LOG_LEVEL", "info"));
            // Until it serves, a SIGTERM would find it still opening its store, with nothing to seal yet.
            cluster.awaitServing(victim, PHASE);
            System.out.printf("%s serves again %d ms after its restart%n", victim.name, (System.nanoTime() - restartedAt) / 1_000_000);
            int beforeRestart = load.acknowledged.size();
            load.awaitAcknowledged(beforeRestart + 300, PHASE);
        } finally {
            load.stop();
        }

        Map<String, String> stored = cluster.readPrefix(WriteLoad.PREFIX);
        assertThat(stored).as("every acknowledged put").containsAllEntriesOf(load.acknowledged);
        assertThat(stored.keySet()).as("puts refused for sure (%d)", load.refused.size()).noneMatch(load.refused::contains);
        assertThat(stored.keySet()).as("nothing but what was sent")
                .allMatch(k -> load.acknowledged.containsKey(k) || load.unknown.contains(k));

        for (StoreProcess m : cluster.members) {
            assertThat(m.alive()).as("%s still running before SIGTERM; its output since its last start:%n%s", m.name, m.output())
                    .isTrue();
        }
        for (StoreProcess m : cluster.members) {
            assertThat(m.terminate(STOP)).as("exit code of %s after SIGTERM", m.name).isIn(0, 143);
        }
        for (StoreProcess m : cluster.members) {
            ReplayCheck.Result check = ReplayCheck.check(m.dataDir, MvccOptions.defaults());
            assertThat(check).as("backend of %s against a replay of its log; its output since its last start:%n%s", m.name, m.output()).isInstanceOf(ReplayCheck.Equal.class);
            assertThat(((ReplayCheck.Equal) check).revisions()).as("revisions of %s", m.name)
                    .isGreaterThanOrEqualTo(load.acknowledged.size());
            System.out.printf("%s: %s%n", m.name, check);
        }
        System.out.printf("kill -9 of %s under %d writers: %d acknowledged, %d refused, %d unknown; all acknowledged present,"
                + " no refused one; every backend equals its log's replay%n", victim.name, WRITERS, load.acknowledged.size(),
                load.refused.size(), load.unknown.size());
    }
}
