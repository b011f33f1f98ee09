package dev.berth.testclusters;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs a command line to its end. An interface so that the checks made on its results can be tested without it. */
@FunctionalInterface
public interface CommandRunner {
    /**
     * Runs {@code command} and waits at most {@code timeout}; a command still running then is killed and reported as
     * exit code -1.
     *
     * @throws IOException when the program cannot be started at all (e.g. it is not on PATH)
     */
    CommandResult run(List<String> command, Duration timeout) throws IOException;
}
