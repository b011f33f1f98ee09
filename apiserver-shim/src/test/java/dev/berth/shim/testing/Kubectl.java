package dev.berth.shim.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real kubectl ({@link KubectlBinary}) against a test server, in its own work dir (relative file names resolve
 * there); each run is bounded to 60 seconds.
 */
public final class Kubectl {
    private static final long TIMEOUT_SECONDS = 60;

    /** The exit code, stdout and stderr of one run. */
    public record Run(int exitCode, String out, String err) {
        /** stdout then stderr, for checks that do not care which stream a message went to. */
        public String output() {
            return out + err;
        }
    }

    /** A kubectl left running (such as {@code get -w}); its stdout goes to a file read by {@link #output()}. */
    public record Background(Process process, Path outFile) implements AutoCloseable {
        public String output() throws IOException {
            return Files.exists(outFile) ? Files.readString(outFile, StandardCharsets.UTF_8) : "";
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    private final KubectlBinary binary;
    private final List<String> connection;
    private final Path kubeconfig;
    private final Path workDir;

    private Kubectl(KubectlBinary binary, List<String> connection, Path kubeconfig, Path workDir) {
        this.binary = binary;
        this.connection = connection;
        this.kubeconfig = kubeconfig;
        this.workDir = workDir;
    }

    /**
     * kubectl talking plain HTTP to {@code serverUrl}; its KUBECONFIG is an empty file (kubectl 1.20 warns on stderr
     * about a KUBECONFIG that does not exist).
     */
    public static Kubectl forServer(KubectlBinary binary, String serverUrl, Path workDir) throws IOException {
        Path emptyKubeconfig = Files.createDirectories(workDir).resolve("empty-kubeconfig");
        Files.writeString(emptyKubeconfig, "");
        return new Kubectl(binary, List.of("--server", serverUrl), emptyKubeconfig, workDir);
    }

    /** kubectl using the kubeconfig at {@code kubeconfig} and nothing else. */
    public static Kubectl withKubeconfig(KubectlBinary binary, Path kubeconfig, Path workDir) {
        return new Kubectl(binary, List.of(), kubeconfig, workDir);
    }

    public KubectlBinary binary() {
        return binary;
    }

    public Run run(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "kubectl", ".out");
        Path err = Files.createTempFile(workDir, "kubectl", ".err");
        Process process = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + "s");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Starts kubectl and leaves it running; close the result to stop it. */
    public Background start(String... args) throws IOException {
        Path out = Files.createTempFile(workDir, "kubectl", ".out");
        Process process = builder(args).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new Background(process, out);
    }

    private ProcessBuilder builder(String... args) throws IOException {
        Files.createDirectories(workDir);
        // A discovery cache per version, so that one kubectl's cached discovery never answers another's requests.
        Path cacheDir = workDir.resolve("cache").resolve(binary.version());
        List<String> command = new ArrayList<>(List.of(binary.path().toString(), "--cache-dir", cacheDir.toString(),
                "--request-timeout=20s"));
        command.addAll(connection);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        return builder;
    }
}
