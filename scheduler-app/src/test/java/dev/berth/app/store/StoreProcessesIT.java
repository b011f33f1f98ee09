package dev.berth.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code berth store} processes on loopback: kill -9 the leader under write load, expect a new
 * leader within two election timeouts, then kill and restart all three and find every acknowledged write.
 */
class StoreProcessesIT {
    private static final int WRITERS = 8;
    private static final int MAX_PUTS = 50_000;

    @TempDir
    Path workDir;

    @Test
    void survivesKillingTheLeaderUnderLoadAndKeepsEveryAcknowledgedWrite() throws Exception {
        try (StoreCluster cluster = StoreCluster.of(workDir, List.of("s1", "s2", "s3"))) {
            cluster.startAll();
            StoreProcess leader = cluster.awaitLeader(Duration.ofSeconds(60), null);
            WriteLoad load = WriteLoad.start(cluster.client(), WRITERS, MAX_PUTS);
            long electedMillis;
            StoreProcess next;
            try {
                load.awaitAcknowledged(300, Duration.ofSeconds(60));
                long killedAt = System.nanoTime();
                leader.kill9();
                next = cluster.awaitLeader(Duration.ofSeconds(30), leader);
                electedMillis = (System.nanoTime() - killedAt) / 1_000_000;
                load.awaitAcknowledged(load.acknowledged.size() + 200, Duration.ofSeconds(60));
            } finally {
                load.stop();
            }
            assertThat(next).isNotSameAs(leader);
            assertThat(electedMillis).as("new leader %s elected %d ms after the leader was killed", next.name, electedMillis)
                    .isLessThanOrEqualTo(2L * StoreCluster.ELECTION_MS);

            for (StoreProcess m : cluster.members) {
                if (m.alive()) {
                    m.kill9();
                }
            }
            cluster.startAll();
            cluster.awaitLeader(Duration.ofSeconds(60), null);
            assertThat(cluster.readPrefix(WriteLoad.PREFIX)).containsAllEntriesOf(load.acknowledged);
            System.out.printf("kill -9 of leader %s under %d writers: %s led after %d ms (limit %d); %d acknowledged writes,"
                    + " all present after killing and restarting all three%n", leader.name, WRITERS, next.name, electedMillis,
                    2 * StoreCluster.ELECTION_MS, load.acknowledged.size());
        }
    }
}
