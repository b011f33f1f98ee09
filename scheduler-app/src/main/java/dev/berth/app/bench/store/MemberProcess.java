package dev.berth.app.bench.store;

import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One member of a benchmarked cluster: an OS process with its own ports, data dir and log file. */
final class MemberProcess {
    private static final String HOST = "127.0.0.1";

    final String name;
    private final int clientPort;
    private final int peerPort;
    private final Path dataDir;
    private final Path log;
    private Process process;

    MemberProcess(String name, int clientPort, int peerPort, Path runDir) {
        this.name = name;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.dataDir = runDir.resolve(name);
        this.log = runDir.resolve(name + ".log");
    }

    String peerUrl() {
        return "http://" + HOST + ":" + peerPort;
    }

    SocketAddress clientAddress() {
        return SocketAddress.inetSocketAddress(clientPort, HOST);
    }

    /** Starts the member with etcd's flags and the timing every system gets. */
    void start(List<String> launcher, String initialCluster, String token, ClusterTiming timing) throws IOException {
        String clientUrl = "http://" + HOST + ":" + clientPort;
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("--name", name, "--data-dir", dataDir.toString(),
                "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl(), "--initial-advertise-peer-urls", peerUrl(),
                "--initial-cluster", initialCluster, "--initial-cluster-state", "new", "--initial-cluster-token", token,
                "--heartbeat-interval", String.valueOf(timing.heartbeatMillis()),
                "--election-timeout", String.valueOf(timing.electionMillis()),
                "--snapshot-count", String.valueOf(timing.snapshotCount())));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: nothing of a member is kept between systems or runs, so there is nothing to shut down cleanly. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The end of the member's log, for an error message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException unreadable) {
            return "(no log: " + unreadable.getMessage() + ")";
        }
    }
}
