package dev.berth.app.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.BerthJar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth up} as the README runs it, from the jar: the demo settles as meant and exits 0; a cluster that
 * kubectl uses for real, whose Berth-bound pods are scheduled and others left alone, that takes deploy/'s manifests,
 * and whose state survives a restart.
 */
class BerthUpIT {
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Duration DEMO_LIMIT = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    @Test
    void theDemoSettlesAsMeantAndPrintsWhereItsPodsWent() throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process up = BerthJar.start(out, err, "1g", "up", "--data-dir", dir.resolve("data").toString(), "--listen", "127.0.0.1:0",
                "--nodes", "20", "--demo", "--exit-when-done");
        boolean exited = up.waitFor(DEMO_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            up.destroyForcibly().waitFor();
        }
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        assertThat(exited).as("berth up --demo --exit-when-done ended within %s; stderr:%n%s", DEMO_LIMIT, stderr)
                .isTrue();
        assertThat(up.exitValue()).as(stderr).isZero();
        assertThat(stderr).contains("berth up: ready");
        assertThat(stdout).contains("Pods per zone:", "zone-a", "zone-b", "zone-c", "node-0000", "urgent", "cache-03")
                .containsPattern("too-big +0/20 nodes are available: 20 Insufficient cpu");
        assertThat(stdout).doesNotContain("batch");
    }

    @Test
    void kubectlUsesTheClusterAndItsStateSurvivesARestart() throws Exception {
        Path data = dir.resolve("data");
        Path kubeconfig = data.resolve("kubeconfig");
        Process up = startCluster(data, "first");
        try {
            assertThat(kubectl(kubeconfig, "get", "nodes", "-o", "wide")).contains("node-0000", "node-0004", "Ready")
                    .contains("INTERNAL-IP");
            Path manifest = Files.writeString(dir.resolve("pods.yaml"), """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: mine, namespace: default}
                    spec:
                      schedulerName: berth
                      containers: [{name: c, image: registry.k8s.io/pause:3.10, resources: {requests: {cpu: 100m}}}]
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: theirs, namespace: default}
                    spec:
                      schedulerName: another-scheduler
                      containers: [{name: c, image: registry.k8s.io/pause:3.10}]
                    """);
            assertThat(kubectl(kubeconfig, "apply", "-f", manifest.toString())).contains("pod/mine created");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(kubectl(kubeconfig, "get", "pod", "mine", "-o", "jsonpath={.spec.nodeName} {.status.phase}"))
                            .matches("node-\\d{4} Running"));
            assertThat(kubectl(kubeconfig, "get", "pod", "theirs", "-o", "jsonpath={.spec.nodeName}|{.status.phase}"))
                    .isEqualTo("|Pending");
            for (String file : List.of("00-rbac.yaml", "10-config.yaml", "20-deployment.yaml")) {
                assertThat(kubectl(kubeconfig, "apply", "-f", DEPLOY.resolve(file).toString())).as(file)
                        .contains("created");
            }
            assertThat(kubectl(kubeconfig, "get", "deployment", "berth-scheduler", "-n", "kube-system", "-o",
                    "jsonpath={.spec.replicas} {.spec.template.spec.serviceAccountName}"))
                    .isEqualTo("2 berth-scheduler");
        } finally {
            stop(up);
        }
        Process again = startCluster(data, "second");
        try {
            assertThat(kubectl(kubeconfig, "get", "pods", "-o", "wide")).contains("mine", "theirs", "Running", "node-");
        } finally {
            stop(again);
        }
    }

    private Process startCluster(Path data, String run) throws Exception {
        Path err = dir.resolve(run + "-err.txt");
        Process up = BerthJar.start(dir.resolve(run + "-out.txt"), err, "1g", "up", "--data-dir", data.toString(), "--listen",
                "127.0.0.1:0", "--nodes", "5");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (!up.isAlive()) {
                throw new AssertionError("berth up ended with " + up.exitValue() + ": " + Files.readString(err));
            }
            return Files.readString(err).contains("berth up: ready");
        });
        return up;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private String kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", dir.resolve("kube-cache").toString(), "--request-timeout", "20s"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish within 40 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " exited " + process.exitValue() + ": "
                    + output);
        }
        return output;
    }
}
