package dev.berth.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code target/berth.jar} (built by {@code package}) as its own process, as users run it. */
public final class BerthJar {
    private static final Path JAR = Path.of("target", "berth.jar");

    private BerthJar() {
    }

    /** Starts {@code berth args...} with {@code maxHeap} (e.g. {@code 1g}), its stdout and stderr in files. */
    public static Process start(Path out, Path err, String maxHeap, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dchronicle.analytics.disable=true", "-Xmx" + maxHeap, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }
}
