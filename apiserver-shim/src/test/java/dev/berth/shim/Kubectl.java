package dev.berth.shim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine's kubectl against the shim, through a kubeconfig in a temp dir; every run is bounded in time. */
final class Kubectl {
    static final Path BINARY = Path.of("/usr/bin/kubectl");
    private static final long TIMEOUT_SECONDS = 30;
    private final Path kubeconfig;
    private final Path workDir;

    Kubectl(Path workDir, String serverUrl) throws IOException {
        this.workDir = workDir;
        this.kubeconfig = workDir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: berth
                  cluster:
                    server: %s
                contexts:
                - name: berth
                  context:
                    cluster: berth
                    user: berth
                current-context: berth
                users:
                - name: berth
                  user: {}
                """.formatted(serverUrl));
    }

    record Result(int exit, String out, String err) {
    }

    Result run(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), read(workDir.resolve("out")), read(workDir.resolve("err")));
    }

    /** Starts kubectl with its output in files under the work dir (for long-running commands such as get -w). */
    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.add("--kubeconfig=" + kubeconfig);
        command.add("--request-timeout=20s");
        command.add("--cache-dir=" + workDir.resolve("cache"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("out").toFile()).redirectError(workDir.resolve("err").toFile())
                .start();
    }

    String output() throws IOException {
        return read(workDir.resolve("out"));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
