package dev.berth.app.bench;

import dev.berth.app.UsageException;
import dev.berth.store.bench.RaftBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code berth bench raft}: committed proposals/s and commit latency of the store's Raft log, fsync on. */
@Command(name = "raft", mixinStandardHelpOptions = true,
        description = "Measure committed proposals/s and commit latency of a store cluster on loopback (fsync on), "
                + "with the disk's raw fsync rate measured in the same run.",
        footer = {"", "Examples:", "  berth bench raft --members 3 --proposals 20000 --clients 64"})
public final class RaftBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--members", defaultValue = "3", description = "Cluster size: 1, 3 or 5 (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--proposals", defaultValue = "20000", description = "Measured proposals (default: ${DEFAULT-VALUE}).")
    int proposals;

    @Option(names = "--clients", defaultValue = "64", description = "Proposals kept in flight (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--value-bytes", defaultValue = "256", description = "Bytes per proposal (default: ${DEFAULT-VALUE}).")
    int valueBytes;

    @Option(names = "--data-dir", defaultValue = ".berth-bench",
            description = "Where the WALs go; must be on the disk to measure, not tmpfs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--timeout", defaultValue = "300", description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    BenchOutput output;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout: must be at least 1 second, got " + timeoutSeconds);
        }
        RaftBenchmark.Options options;
        try {
            options = new RaftBenchmark.Options(members, proposals, clients, valueBytes, dataDir, Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        RaftBenchmark.Result result = new RaftBenchmark().run(options);
        output.print(spec, result.toText(), result::toJson);
        return 0;
    }
}
