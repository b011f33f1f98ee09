package dev.berth.testclusters;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whether the kind target can run here: it needs the {@code kind} and {@code kubectl} programs and a Docker engine
 * that answers {@code docker info}. The answer is the reason it cannot, in words a skipped test can report.
 */
public final class KindPrerequisites {
    static final String PREFIX = "kind target unavailable: ";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private final CommandRunner runner;

    public KindPrerequisites(CommandRunner runner) {
        this.runner = runner;
    }

    /** Empty when kind, kubectl and Docker all answer; else "kind target unavailable: &lt;why&gt;". */
    public Optional<String> unavailableReason() {
        for (List<String> probe : List.of(List.of("kind", "version"), List.of("kubectl", "version", "--client"),
                List.of("docker", "info"))) {
            Optional<String> why = problem(probe);
            if (why.isPresent()) {
                return why.map(PREFIX::concat);
            }
        }
        return Optional.empty();
    }

    private Optional<String> problem(List<String> probe) {
        String program = probe.get(0);
        try {
            CommandResult result = runner.run(probe, PROBE_TIMEOUT);
            if (result.succeeded()) {
                return Optional.empty();
            }
            String detail = result.firstLine();
            return Optional.of("`" + String.join(" ", probe) + "` failed (exit " + result.exitCode() + ")"
                    + (detail.isEmpty() ? "" : ": " + detail));
        } catch (IOException e) {
            return Optional.of("`" + program + "` cannot be run (not on PATH?): " + e.getMessage());
        }
    }
}
