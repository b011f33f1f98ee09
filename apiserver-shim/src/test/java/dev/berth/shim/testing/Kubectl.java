package dev.berth.shim.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl (on the PATH) against a test server, each run bounded to 60 seconds. */
public final class Kubectl {

    /** The exit code and the combined stdout and stderr of one run. */
    public record Run(int exitCode, String output) {
    }

    private final List<String> connection;
    private final Path kubeconfig;
    private final Path workDir;

    private Kubectl(List<String> connection, Path kubeconfig, Path workDir) {
        this.connection = connection;
        this.kubeconfig = kubeconfig;
        this.workDir = workDir;
    }

    /** kubectl talking plain HTTP to {@code serverUrl}; its KUBECONFIG names a file that does not exist. */
    public static Kubectl forServer(String serverUrl, Path workDir) {
        return new Kubectl(List.of("--server", serverUrl), workDir.resolve("no-kubeconfig"), workDir);
    }

    /** kubectl using the kubeconfig at {@code kubeconfig} and nothing else. */
    public static Kubectl withKubeconfig(Path kubeconfig, Path workDir) {
        return new Kubectl(List.of(), kubeconfig, workDir);
    }

    public Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--cache-dir", workDir.resolve("cache").toString()));
        command.addAll(connection);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish within 60s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
