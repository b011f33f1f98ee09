package dev.berth.compat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One single-member cluster as a child process, started with etcd's flag names — {@code berth store} and
 * {@code etcd} take the same ones — on free loopback ports, its output in a log file.
 */
final class MemberProcess {
    private static final long STOP_SECONDS = 10;

    final String name;
    final URI clientUrl;
    final URI peerUrl;
    private final Path log;
    private final Process process;

    private MemberProcess(String name, URI clientUrl, URI peerUrl, Path log, Process process) {
        this.name = name;
        this.clientUrl = clientUrl;
        this.peerUrl = peerUrl;
        this.log = log;
        this.process = process;
    }

    /** Runs {@code launcher} (the command up to its flags) for member {@code name}, data and log under {@code workDir}. */
    static MemberProcess start(List<String> launcher, String name, Path workDir) throws IOException {
        URI client = URI.create("http://127.0.0.1:" + freeLoopbackPort());
        URI peer = URI.create("http://127.0.0.1:" + freeLoopbackPort());
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("--name", name, "--data-dir", workDir.resolve(name).toString(),
                "--listen-client-urls", client.toString(), "--advertise-client-urls", client.toString(),
                "--listen-peer-urls", peer.toString(), "--initial-advertise-peer-urls", peer.toString(),
                "--initial-cluster", name + "=" + peer));
        Path log = workDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new MemberProcess(name, client, peer, log, process);
    }

    /**
     * A port nothing listens on right now. Not state-store's LoopbackPorts: this module's classpath must stay
     * free of Berth's classes (they bring Vert.x 5, jetcd needs Vert.x 4).
     */
    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Whether a TCP connection to the client URL succeeds now. */
    boolean acceptsClients() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(clientUrl.getHost(), clientUrl.getPort()), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The last lines the process printed, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e + ")";
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within {@value #STOP_SECONDS} s. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        }
    }
}
