package dev.berth.app.store;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    void start(String initialCluster, int heartbeatMillis, int electionMillis) throws IOException {
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
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** SIGKILL: no shutdown hook, no flush; what was not fsynced is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    static boolean jarBuilt() {
        File jar = JAR.toFile();
        return jar.isFile();
    }
}
