package dev.berth.app.bench.shim;

import dev.berth.app.UsageException;
import dev.berth.app.bench.BenchOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code berth bench shim}: the Kubernetes API of {@code berth up}, loaded and measured through fabric8. */
@Command(name = "shim", mixinStandardHelpOptions = true,
        description = "Start the embedded cluster of `berth up` (one store member, the API shim over HTTPS on 127.0.0.1), "
                + "create nodes and bound pods through fabric8, then measure get, list and watch delivery with all of them "
                + "stored, and the heap in use. Prints throughput and p99 per row.",
        footer = {"", "Examples:", "  berth bench shim", "  berth bench shim --nodes 500 --pods 1000 --json"})
public final class ShimBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "5000", description = "Nodes to create (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--pods", defaultValue = "10000", description = "Pods to create, bound round-robin to the nodes "
            + "(default: ${DEFAULT-VALUE}).")
    int pods;

    @Option(names = "--clients", defaultValue = "32", description = "Requests kept in flight (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--gets", defaultValue = "20000", description = "Gets of random pods (default: ${DEFAULT-VALUE}).")
    int gets;

    @Option(names = "--lists", defaultValue = "20", description = "Lists of all pods (default: ${DEFAULT-VALUE}).")
    int lists;

    @Option(names = "--list-clients", defaultValue = "2", description = "Lists kept in flight (default: ${DEFAULT-VALUE}).")
    int listClients;

    @Option(names = "--watch-updates", defaultValue = "5000",
            description = "Pod patches the watch row times, one watch event each (default: ${DEFAULT-VALUE}).")
    int watchUpdates;

    @Option(names = "--watch-rate", defaultValue = "500", description = "Patches per second in the watch row "
            + "(default: ${DEFAULT-VALUE}).")
    int watchRate;

    @Option(names = "--data-dir", defaultValue = ".berth-bench",
            description = "Where the run's store goes (a fresh directory, deleted afterwards; default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--timeout", defaultValue = "600", description = "Seconds each row may take (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    BenchOutput output;

    @Override
    public Integer call() throws Exception {
        Map<String, Integer> positive = Map.of("--nodes", nodes, "--pods", pods, "--clients", clients, "--gets", gets,
                "--lists", lists, "--list-clients", listClients, "--watch-updates", watchUpdates, "--watch-rate", watchRate,
                "--timeout", timeoutSeconds);
        positive.forEach((flag, value) -> {
            if (value < 1) {
                throw new UsageException(flag + ": must be at least 1, got " + value);
            }
        });
        ShimBenchmark.Options options = new ShimBenchmark.Options(nodes, pods, clients, gets, lists, listClients, watchUpdates,
                watchRate, dataDir.toAbsolutePath(), Duration.ofSeconds(timeoutSeconds));
        ShimBenchReport report = new ShimBenchmark(output.progress()).run(options);
        output.print(spec, report.toText(), report::toJson);
        return 0;
    }
}
