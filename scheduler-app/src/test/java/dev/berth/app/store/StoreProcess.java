package dev.berth.app.store;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One {@code berth store} OS process started from the built jar, its output in a log file. */
final class StoreProcess {
    /** The jar `mvn package` built; the integration tests run after it. */
    static final Path JAR = Path.of("target", "berth.jar");

    final String name;
    final int clientPort;
    final int peerPort;
    final Path dataDir;
    final Path log;
    private Process process;
    /** Where this start's output begins in {@link #log}: every start appends to it. */
    private long outputStart;

    StoreProcess(String name, int clientPort, int peerPort, Path workDir) {
        this.name = name;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.dataDir = workDir.resolve(name);
        this.log = workDir.resolve(name + ".log");
    }

    String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    /** Starts with the jar's default logging (warnings and errors only). */
    void start(String initialCluster, int heartbeatMillis, int electionMillis) throws IOException {
        start(initialCluster, heartbeatMillis, electionMillis, Map.of());
    }

    /** Starts with {@code environment} added to a copy of this JVM's, less any BERTH_LOG_LEVEL it has. */
    void start(String initialCluster, int heartbeatMillis, int electionMillis, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dchronicle.analytics.disable=true", "-Xmx512m", "-jar", JAR.toString(), "store",
                "--name", name, "--data-dir", dataDir.toString(),
                "--listen-client-urls", "http://127.0.0.1:" + clientPort,
                "--listen-peer-urls", peerUrl(),
                "--initial-cluster", initialCluster,
                "--heartbeat-interval", String.valueOf(heartbeatMillis),
                "--election-timeout", String.valueOf(electionMillis),
                "--snapshot-count", "500"));
        outputStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("BERTH_LOG_LEVEL");
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** SIGKILL: no shutdown hook, no flush; what was not fsynced is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGTERM, as an operator or systemd stops a member, and waits for it to exit; returns the exit code.
     *
     * @throws AssertionError if it is still running after {@code timeout} (it is then killed)
     */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill9();
            throw new AssertionError(name + " still running " + timeout + " after SIGTERM; output:\n" + output());
        }
        return process.exitValue();
    }

    /** What the process printed since its last start. */
    String output() {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(Arrays.copyOfRange(all, (int) Math.min(outputStart, all.length), all.length), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    static boolean jarBuilt() {
        File jar = JAR.toFile();
        return jar.isFile();
    }
}
