package dev.berth.app.scheduler;

import static dev.berth.app.scheduler.ClusterProcesses.awaitBound;
import static dev.berth.app.scheduler.ClusterProcesses.createPods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code berth scheduler} processes with leader election against {@code berth up --no-scheduler}: exactly one
 * schedules; kill -9 it and the other takes over within leaseDuration + retryPeriod (plus slack for this shared
 * machine), binding the pods that arrive after.
 */
class LeaderFailoverIT {
    private static final String SCHEDULING = "berth scheduler is scheduling";

    @TempDir
    Path dir;

    @Test
    void theStandbyTakesOverWhenTheLeaderIsKilled() throws Exception {
        try (ClusterProcesses cluster = new ClusterProcesses(dir)) {
            Path kubeconfig = cluster.startCluster(5);
            Path config = Files.writeString(dir.resolve("config.yaml"), """
                    apiVersion: kubescheduler.config.k8s.io/v1
                    kind: KubeSchedulerConfiguration
                    leaderElection:
                      leaderElect: true
                      leaseDuration: 4s
                      renewDeadline: 3s
                      retryPeriod: 1s
                    profiles:
                    - schedulerName: berth
                    """);
            Path[] logs = {dir.resolve("a.err"), dir.resolve("b.err")};
            Process[] schedulers = new Process[2];
            for (int i = 0; i < 2; i++) {
                schedulers[i] = cluster.startScheduler(kubeconfig, config, logs[i]);
            }
            try (KubernetesClient client = ClusterProcesses.client(kubeconfig)) {
                createPods(client, "before", 10);
                awaitBound(client, "before", 10, Duration.ofSeconds(90));
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(logs[0]).contains(SCHEDULING)
                        || Files.readString(logs[1]).contains(SCHEDULING));
                int leader = leaderOf(logs);
                assertThat(Files.readString(logs[1 - leader])).as("only the leader schedules").doesNotContain(SCHEDULING);

                schedulers[leader].destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                long killed = System.nanoTime();
                createPods(client, "after", 10);
                awaitBound(client, "after", 10, Duration.ofSeconds(60));
                assertThat(Files.readString(logs[1 - leader])).contains(SCHEDULING);
                assertThat(Duration.ofNanos(System.nanoTime() - killed)).as("takeover and binding after the kill")
                        .isLessThan(Duration.ofSeconds(60));
            }
        }
    }

    private static int leaderOf(Path[] logs) throws IOException {
        boolean first = Files.readString(logs[0]).contains(SCHEDULING);
        boolean second = Files.readString(logs[1]).contains(SCHEDULING);
        assertThat(first ^ second).as("exactly one scheduler leads").isTrue();
        return first ? 0 : 1;
    }
}
