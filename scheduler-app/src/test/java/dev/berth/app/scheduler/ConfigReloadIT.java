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
 * {@code berth scheduler --config F} against {@code berth up --no-scheduler}, from the jar: pods that the first
 * configuration cannot place stay queued; rewriting F with a configuration that can place them binds them all
 * without a restart; an invalid rewrite is logged and the running profiles keep scheduling.
 */
class ConfigReloadIT {

    /** NodeAffinity's addedAffinity applies to every pod: no node has the label, so nothing fits. */
    private static final String NOTHING_FITS = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            leaderElection: {leaderElect: false}
            profiles:
            - schedulerName: berth
              pluginConfig:
              - name: NodeAffinity
                args:
                  addedAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                      - matchExpressions: [{key: example.com/absent, operator: Exists}]
            """;
    private static final String DEFAULTS = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            leaderElection: {leaderElect: false}
            profiles:
            - schedulerName: berth
            """;
    private static final Duration LIMIT = Duration.ofSeconds(90);

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
    void aChangedConfigFileSchedulesTheQueuedPodsAndABrokenOneIsIgnored() throws Exception {
        Path data = dir.resolve("cluster");
        Path upErr = dir.resolve("up.err");
        start(dir.resolve("up.out"), upErr, "up", "--data-dir", data.toString(), "--listen", "127.0.0.1:0",
                "--nodes", "3", "--no-scheduler");
        await().atMost(LIMIT).until(() -> Files.readString(upErr).contains("berth up: ready"));
        Path kubeconfig = data.resolve("kubeconfig");
        Path config = Files.writeString(dir.resolve("config.yaml"), NOTHING_FITS);
        Path log = dir.resolve("scheduler.err");
        start(dir.resolve("scheduler.out"), log, "scheduler", "--kubeconfig", kubeconfig.toString(), "--config",
                config.toString(), "--http", "127.0.0.1:0");
        await().atMost(LIMIT).until(() -> Files.readString(log).contains("berth scheduler is scheduling"));

        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
            createPods(client, "queued", 5);
            await().atMost(LIMIT).pollInterval(Duration.ofMillis(500)).until(() -> unschedulableCount(client, "queued") == 5);
            assertThat(boundCount(client, "queued")).isZero();

            Files.writeString(config, DEFAULTS);
            await().atMost(LIMIT).pollInterval(Duration.ofMillis(500)).until(() -> boundCount(client, "queued") == 5);
            assertThat(Files.readString(log)).contains("changed; the profiles were rebuilt from it");

            Files.writeString(config, DEFAULTS.replace("- schedulerName: berth", "- schedulerName: berth\n  plugins: {filter: {enabled: [{name: NoSuchPlugin}]}}"));
            await().atMost(LIMIT).until(() -> Files.readString(log).contains("not reloaded, the running profiles stay"));
            assertThat(Files.readString(log)).contains("NoSuchPlugin");
            createPods(client, "after", 3);
            await().atMost(LIMIT).pollInterval(Duration.ofMillis(500)).until(() -> boundCount(client, "after") == 3);
        }
    }

    private static void createPods(KubernetesClient client, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata()
                    .withName(prefix + "-" + i).addToLabels("batch", prefix).endMetadata()
                    .withNewSpec().withSchedulerName("berth").addNewContainer().withName("c")
                    .withImage("registry.k8s.io/pause:3.10").endContainer().endSpec().build()).create();
        }
    }

    private static long boundCount(KubernetesClient client, String prefix) {
        return client.pods().inNamespace("default").withLabel("batch", prefix).list().getItems().stream()
                .filter(p -> p.getSpec().getNodeName() != null).count();
    }

    /** Pods whose PodScheduled condition says Unschedulable: tried and queued again. */
    private static long unschedulableCount(KubernetesClient client, String prefix) {
        return client.pods().inNamespace("default").withLabel("batch", prefix).list().getItems().stream()
                .filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "PodScheduled".equals(c.getType()) && "Unschedulable".equals(c.getReason())))
                .count();
    }

    private Process start(Path out, Path err, String... args) throws IOException {
        Process process = BerthJar.start(out, err, "768m", args);
        processes.add(process);
        return process;
    }
}
