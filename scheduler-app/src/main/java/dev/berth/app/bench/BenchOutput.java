package dev.berth.app.bench;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What every {@code berth bench} command prints: the report as a table, then with {@code --json} one JSON object as the
 * last line for scripts (which then also get no progress lines on stderr).
 */
public final class BenchOutput {
    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    /** Where progress lines go: stderr, or nowhere when a script reads the JSON. */
    public PrintStream progress() {
        return json ? null : System.err;
    }

    public void print(CommandSpec spec, String table, Supplier<String> jsonLine) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(table);
        if (json) {
            out.println(jsonLine.get());
        }
        out.flush();
    }
}
