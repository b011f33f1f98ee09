package dev.berth.app.scheduler;

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

/**
 * {@code berth up --no-scheduler} and {@code berth scheduler} processes from the jar for the scheduler's end-to-end
 * tests, and the pods they schedule; {@link #close()} kills every process started.
 */
public final class ClusterProcesses implements AutoCloseable {
    private static final Duration READY_LIMIT = Duration.ofSeconds(90);

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();

    public ClusterProcesses(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code berth up --no-scheduler} with {@code nodes} simulated nodes; returns its kubeconfig once ready. */
    Path startCluster(int nodes) throws IOException {
        return startUp(nodes, "--no-scheduler");
    }

    /** Starts {@code berth up} with {@code nodes} simulated nodes and {@code flags}; returns its kubeconfig once ready. */
    public Path startUp(int nodes, String... flags) throws IOException {
        Path data = dir.resolve("cluster");
        Path err = dir.resolve("up.err");
        List<String> args = new ArrayList<>(List.of("up", "--data-dir", data.toString(), "--listen", "127.0.0.1:0",
                "--nodes", Integer.toString(nodes)));
        args.addAll(List.of(flags));
        start(dir.resolve("up.out"), err, args.toArray(String[]::new));
        await().atMost(READY_LIMIT).until(() -> Files.readString(err).contains("berth up: ready"));
        return data.resolve("kubeconfig");
    }

    /** Starts {@code berth scheduler} with {@code config}; its stderr goes to {@code log}. */
    Process startScheduler(Path kubeconfig, Path config, Path log) throws IOException {
        return start(dir.resolve(log.getFileName() + ".out"), log, "scheduler", "--kubeconfig", kubeconfig.toString(),
                "--config", config.toString(), "--http", "127.0.0.1:0");
    }

    public static KubernetesClient client(Path kubeconfig) throws IOException {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    }

    /** {@code count} pause pods for scheduler {@code berth}, named {@code prefix-i} and labelled {@code batch=prefix}. */
    static void createPods(KubernetesClient client, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata()
                    .withName(prefix + "-" + i).addToLabels("batch", prefix).endMetadata()
                    .withNewSpec().withSchedulerName("berth").addNewContainer().withName("c")
                    .withImage("registry.k8s.io/pause:3.10").endContainer().endSpec().build()).create();
        }
    }

    static long boundCount(KubernetesClient client, String prefix) {
        return client.pods().inNamespace("default").withLabel("batch", prefix).list().getItems().stream()
                .filter(p -> p.getSpec().getNodeName() != null).count();
    }

    static void awaitBound(KubernetesClient client, String prefix, int count, Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(500)).until(() -> boundCount(client, prefix) == count);
    }

    private Process start(Path out, Path err, String... args) throws IOException {
        Process process = BerthJar.start(out, err, "768m", args);
        processes.add(process);
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
