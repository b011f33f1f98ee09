package dev.berth.app.scheduler;

import static dev.berth.app.scheduler.ClusterProcesses.awaitBound;
import static dev.berth.app.scheduler.ClusterProcesses.boundCount;
import static dev.berth.app.scheduler.ClusterProcesses.createPods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth scheduler --config F} against {@code berth up --no-scheduler}, from the jar: pods that the first
 * configuration cannot place stay queued; rewriting F with a configuration that can place them binds them all
 * without a restart; an invalid rewrite is logged and the running profiles keep scheduling.
 */
class ConfigReloadIT {

    private static final String DEFAULTS = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            leaderElection: {leaderElect: false}
            profiles:
            - schedulerName: berth
            """;
    /** NodeAffinity's addedAffinity applies to every pod: no node has the label, so nothing fits. */
    private static final String NOTHING_FITS = DEFAULTS + """
              pluginConfig:
              - name: NodeAffinity
                args:
                  addedAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                      - matchExpressions: [{key: example.com/absent, operator: Exists}]
            """;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aChangedConfigFileSchedulesTheQueuedPodsAndABrokenOneIsIgnored() throws Exception {
        try (ClusterProcesses cluster = new ClusterProcesses(dir)) {
            Path kubeconfig = cluster.startCluster(3);
            Path config = Files.writeString(dir.resolve("config.yaml"), NOTHING_FITS);
            Path log = dir.resolve("scheduler.err");
            cluster.startScheduler(kubeconfig, config, log);
            await().atMost(LIMIT).until(() -> Files.readString(log).contains("berth scheduler is scheduling"));

            try (KubernetesClient client = ClusterProcesses.client(kubeconfig)) {
                createPods(client, "queued", 5);
                await().atMost(LIMIT).pollInterval(Duration.ofMillis(500)).until(() -> unschedulableCount(client, "queued") == 5);
                assertThat(boundCount(client, "queued")).isZero();

                Files.writeString(config, DEFAULTS);
                awaitBound(client, "queued", 5, LIMIT);
                assertThat(Files.readString(log)).contains("changed; the profiles were rebuilt from it");

                Files.writeString(config, DEFAULTS.replace("- schedulerName: berth",
                        "- schedulerName: berth\n  plugins: {filter: {enabled: [{name: NoSuchPlugin}]}}"));
                await().atMost(LIMIT).until(() -> Files.readString(log).contains("not reloaded, the running profiles stay"));
                assertThat(Files.readString(log)).contains("NoSuchPlugin");
                createPods(client, "after", 3);
                awaitBound(client, "after", 3, LIMIT);
            }
        }
    }

    /** Pods whose PodScheduled condition says Unschedulable: tried and queued again. */
    private static long unschedulableCount(KubernetesClient client, String prefix) {
        return client.pods().inNamespace("default").withLabel("batch", prefix).list().getItems().stream()
                .filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "PodScheduled".equals(c.getType()) && "Unschedulable".equals(c.getReason())))
                .count();
    }
}
