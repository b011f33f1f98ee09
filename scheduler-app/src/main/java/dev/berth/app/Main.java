package dev.berth.app;

import dev.berth.framework.config.ConfigException;
import picocli.CommandLine;

/** Entry point of the {@code berth} command. Exit codes: 0 success, 1 runtime failure, 2 bad usage, config or input. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        // Chronicle reads this before its first class loads; the launcher passes it too.
        System.setProperty("chronicle.analytics.disable", "true");
        CommandLine cli = new CommandLine(new BerthCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof UsageException) {
                cmd.getErr().println("berth: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            cmd.getErr().println("berth: " + e);
            return ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }
}
