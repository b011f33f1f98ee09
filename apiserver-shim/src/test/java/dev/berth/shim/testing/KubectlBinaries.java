package dev.berth.shim.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kubectl executables the tests run against: {@code kubectl} on the PATH, then every path listed in
 * {@code BERTH_KUBECTLS} (colon-separated; CI lists Debian's kubectl 1.20 there). The same file or the same version
 * twice is run once. Found once per JVM.
 */
public final class KubectlBinaries {

    /** Where more kubectl executables are listed, colon-separated. */
    public static final String ENVIRONMENT_VARIABLE = "BERTH_KUBECTLS";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long VERSION_TIMEOUT_SECONDS = 30;
    private static List<KubectlBinary> found;

    private KubectlBinaries() {
    }

    /** Every distinct kubectl, the one on the PATH first; fails the test when there is none. */
    public static synchronized List<KubectlBinary> all() {
        if (found == null) {
            found = find(System.getenv("PATH"), System.getenv(ENVIRONMENT_VARIABLE));
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("no kubectl on the PATH nor in " + ENVIRONMENT_VARIABLE);
        }
        return found;
    }

    /** The kubectl on the PATH (or the first listed when the PATH has none). */
    public static KubectlBinary first() {
        return all().get(0);
    }

    /** The distinct kubectls of a PATH value and a {@value #ENVIRONMENT_VARIABLE} value (either may be null). */
    static List<KubectlBinary> find(String path, String listed) {
        List<Path> candidates = new ArrayList<>();
        onPath(path).ifPresent(candidates::add);
        if (listed != null) {
            Arrays.stream(listed.split(":")).filter(s -> !s.isBlank()).map(Path::of).forEach(candidates::add);
        }
        Map<String, KubectlBinary> byVersion = new LinkedHashMap<>();
        List<Path> seen = new ArrayList<>();
        for (Path candidate : candidates) {
            Path real = realPath(candidate);
            if (!seen.contains(real)) {
                seen.add(real);
                KubectlBinary binary = new KubectlBinary(real, versionOf(real));
                byVersion.putIfAbsent(binary.version(), binary);
            }
        }
        return List.copyOf(byVersion.values());
    }

    private static Optional<Path> onPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(":")).filter(s -> !s.isBlank()).map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable).findFirst();
    }

    private static Path realPath(Path candidate) {
        try {
            return candidate.toRealPath();
        } catch (IOException e) {
            throw new IllegalStateException(ENVIRONMENT_VARIABLE + " lists " + candidate + ", which does not exist", e);
        }
    }

    private static String versionOf(Path kubectl) {
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "version", "--client", "-o", "json")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(kubectl + " version did not finish within " + VERSION_TIMEOUT_SECONDS
                        + "s");
            }
            String version = JSON.readTree(new String(out, StandardCharsets.UTF_8)).path("clientVersion")
                    .path("gitVersion").asString("");
            if (process.exitValue() != 0 || version.isEmpty()) {
                throw new IllegalStateException(kubectl + " version --client -o json printed no gitVersion");
            }
            return version;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + kubectl + " its version", e);
        }
    }
}
