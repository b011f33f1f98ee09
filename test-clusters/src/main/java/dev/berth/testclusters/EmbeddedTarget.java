package dev.berth.testclusters;

import dev.berth.app.scheduler.SchedulerCommand;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Berth's own cluster, from {@code berth.jar} as users run it: {@code berth up --no-scheduler} (store, API shim and
 * {@code nodes} simulated nodes in three zones, sizes cycling 4/8/16 CPUs) and {@code berth scheduler} against its
 * kubeconfig, as two processes. Their logs stay in {@code workDir}.
 *
 * @param jar     scheduler-app/target/berth.jar
 * @param nodes   how many simulated nodes
 * @param workDir where a new directory per run holds the data dir and the logs
 * @param schedulerConfig a KubeSchedulerConfiguration for {@code berth scheduler --config}, or null for its default
 *                        profile
 */
public record EmbeddedTarget(Path jar, int nodes, Path workDir, Path schedulerConfig) implements ClusterTarget {
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public RunningCluster start() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("embedded target: no berth.jar at " + jar
                    + "; build it first (./mvnw -B package -pl scheduler-app -am -DskipTests) or set -Dberth.jar");
        }
        Files.createDirectories(workDir);
        Path run = Files.createTempDirectory(workDir, "embedded-");
        Path data = run.resolve("cluster");
        List<LoggedProcess> started = new ArrayList<>();
        try {
            LoggedProcess up = LoggedProcess.start("berth up", berth("up", "--no-scheduler", "--nodes",
                    Integer.toString(nodes), "--listen", "127.0.0.1:0", "--data-dir", data.toString()), run.resolve("up.log"));
            started.add(up);
            up.awaitLog("berth up: ready", START_LIMIT);
            Path kubeconfig = data.resolve("kubeconfig");
            List<String> schedulerArgs = new ArrayList<>(List.of("scheduler", "--kubeconfig", kubeconfig.toString(),
                    "--http", "127.0.0.1:0"));
            if (schedulerConfig != null) {
                schedulerArgs.addAll(List.of("--config", schedulerConfig.toString()));
            }
            LoggedProcess scheduler = LoggedProcess.start("berth scheduler",
                    berth(schedulerArgs.toArray(String[]::new)), run.resolve("scheduler.log"));
            started.add(scheduler);
            scheduler.awaitLog("berth scheduler is scheduling", START_LIMIT);
            KubernetesClient client = RunningCluster.clientFor(kubeconfig);
            return new RunningCluster(name(), client, kubeconfig, true, BerthProfile.parse(schedulerConfig == null
                    ? SchedulerCommand.SECONDARY_PROFILE : Files.readString(schedulerConfig)), () -> stopAll(started));
        } catch (Exception | Error e) {
            stopAll(started);
            throw e;
        }
    }

    private List<String> berth(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dchronicle.analytics.disable=true", "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Stops the scheduler before the cluster it talks to. */
    private static void stopAll(List<LoggedProcess> started) throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
