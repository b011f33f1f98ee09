package dev.berth.testclusters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A long-running process whose stdout and stderr go to one log file, which tells when it is ready. */
final class LoggedProcess implements AutoCloseable {
    private static final long POLL_MILLIS = 200;
    private static final int TAIL_LINES = 20;

    private final String name;
    private final Process process;
    private final Path log;

    private LoggedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static LoggedProcess start(String name, List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new LoggedProcess(name, process, log);
    }

    /** Waits until the log holds {@code text}; fails at once if the process ends first, and after {@code limit}. */
    void awaitLog(String text, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.readString(log).contains(text)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before logging \""
                        + text + "\"; " + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not log \"" + text + "\" within " + limit.toSeconds()
                        + " s; " + tail());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return "last lines of " + log + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    /** Asks the process to stop (SIGTERM, so shutdown hooks run), and kills it if it has not within 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
