package dev.berth.shim.kubectl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl against a test server, without any kubeconfig, each run bounded to 60 seconds. */
final class Kubectl {

    record Run(int exitCode, String output) {
    }

    private final String serverUrl;
    private final Path workDir;

    Kubectl(String serverUrl, Path workDir) {
        this.serverUrl = serverUrl;
        this.workDir = workDir;
    }

    Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--server", serverUrl, "--cache-dir",
                workDir.resolve("cache").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KUBECONFIG", workDir.resolve("no-kubeconfig").toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish within 60s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
