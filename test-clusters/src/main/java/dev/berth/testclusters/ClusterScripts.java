package dev.berth.testclusters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell scripts in {@code test-clusters/kind/} that a human runs too (create and delete a kind cluster, deploy
 * Berth), run from Java; a failing one becomes an exception carrying the end of its output.
 */
final class ClusterScripts {
    private static final int TAIL_CHARS = 4000;

    private final Path repository;
    private final CommandRunner runner;

    ClusterScripts(Path repository, CommandRunner runner) {
        this.repository = repository;
        this.runner = runner;
    }

    void run(String script, Duration limit, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", repository.resolve("test-clusters/kind").resolve(script)
                .toString()));
        command.addAll(List.of(args));
        CommandResult result = runner.run(command, limit);
        if (!result.succeeded()) {
            String output = result.output();
            throw new IllegalStateException(script + " " + String.join(" ", args) + " failed (exit "
                    + result.exitCode() + "):\n" + output.substring(Math.max(0, output.length() - TAIL_CHARS)));
        }
    }
}
