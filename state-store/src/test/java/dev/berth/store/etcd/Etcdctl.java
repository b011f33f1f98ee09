package dev.berth.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real etcdctl 3.4 (Debian {@code etcd-client}) against an endpoint, bounded in time. A missing
 * binary fails the test: CI installs it, and a skipped end-to-end check would prove nothing.
 */
final class Etcdctl {
    static final Path BINARY = Path.of("/usr/bin/etcdctl");
    private static final long TIMEOUT_SECONDS = 30;

    /** What one etcdctl run printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {}

    private final String endpoint;
    private final Path workDir;

    /** {@code endpoint} as etcdctl takes it, e.g. {@code 127.0.0.1:2379}; output files go to {@code workDir}. */
    Etcdctl(String endpoint, Path workDir) {
        this.endpoint = endpoint;
        this.workDir = workDir;
    }

    /** Runs {@code args}, requires exit code 0, returns standard output. */
    String run(String... args) throws IOException, InterruptedException {
        Result r = runAllowingFailure(args);
        assertThat(r.exitCode()).as("etcdctl %s exit code; stderr: %s", String.join(" ", args), r.stderr()).isZero();
        return r.stdout();
    }

    Result runAllowingFailure(String... args) throws IOException, InterruptedException {
        return runWithInput("", args);
    }

    /** Runs {@code args} with {@code stdin} as standard input (etcdctl txn reads its ops from there). */
    Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
        assertThat(Files.isExecutable(BINARY))
                .as("%s is missing: apt-get install etcd-client (etcdctl 3.4; CI installs it)", BINARY).isTrue();
        List<String> commandLine = new ArrayList<>(List.of(BINARY.toString(), "--endpoints=" + endpoint,
                "--dial-timeout=5s", "--command-timeout=10s"));
        commandLine.addAll(List.of(args));
        // Files rather than pipes, so a chatty etcdctl can never block on a full pipe while we wait for it.
        Path out = Files.createTempFile(workDir, "etcdctl", ".out");
        Path err = Files.createTempFile(workDir, "etcdctl", ".err");
        Path in = Files.writeString(Files.createTempFile(workDir, "etcdctl", ".in"), stdin);
        ProcessBuilder builder = new ProcessBuilder(commandLine).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("ETCDCTL_API", "3");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(commandLine + " did not finish within " + TIMEOUT_SECONDS + "s; stderr: "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
