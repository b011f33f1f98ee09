package dev.berth.testclusters;

/** How a command ended: its exit code, and its stdout and stderr together. */
public record CommandResult(int exitCode, String output) {
    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The first line of the output, for a one-line reason. */
    public String firstLine() {
        String trimmed = output.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end).strip();
    }
}
