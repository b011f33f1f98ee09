package dev.berth.app.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.BerthJar;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
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

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theStandbyTakesOverWhenTheLeaderIsKilled() throws Exception {
        Path data = dir.resolve("cluster");
        Path upErr = dir.resolve("up.err");
        start(dir.resolve("up.out"), upErr, "up", "--data-dir", data.toString(), "--listen", "127.0.0.1:0",
                "--nodes", "5", "--no-scheduler");
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(upErr).contains("berth up: ready"));
        Path kubeconfig = data.resolve("kubeconfig");
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
            schedulers[i] = start(dir.resolve(i + ".out"), logs[i], "scheduler", "--kubeconfig", kubeconfig.toString(),
                    "--config", config.toString(), "--http", "127.0.0.1:0");
        }
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
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

    private static int leaderOf(Path[] logs) throws IOException {
        boolean first = Files.readString(logs[0]).contains(SCHEDULING);
        boolean second = Files.readString(logs[1]).contains(SCHEDULING);
        assertThat(first ^ second).as("exactly one scheduler leads").isTrue();
        return first ? 0 : 1;
    }

    private static void createPods(KubernetesClient client, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata()
                    .withName(prefix + "-" + i).addToLabels("batch", prefix).endMetadata()
                    .withNewSpec().withSchedulerName("berth").addNewContainer().withName("c")
                    .withImage("registry.k8s.io/pause:3.10").endContainer().endSpec().build()).create();
        }
    }

    private static void awaitBound(KubernetesClient client, String prefix, int count, Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(500)).until(() -> client.pods().inNamespace("default")
                .withLabel("batch", prefix).list().getItems().stream()
                .filter(p -> p.getSpec().getNodeName() != null).count() == count);
    }

    private Process start(Path out, Path err, String... args) throws IOException {
        Process process = BerthJar.start(out, err, "768m", args);
        processes.add(process);
        return process;
    }
}
