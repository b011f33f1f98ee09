package dev.berth.app.bench.nodes;

import dev.berth.app.ExitCodes;
import dev.berth.app.UsageException;
import dev.berth.app.bench.BenchOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code berth bench nodes}: the node simulator at scale against the embedded cluster of {@code berth up}. */
@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = "Start the embedded cluster of `berth up` (one store member, the API shim over HTTPS on 127.0.0.1) and "
                + "the node simulator; register the nodes, create the pods already bound to them (no scheduler), wait "
                + "until every pod is Running and hold a while, watching every node Lease. Prints registration and pod "
                + "start rates, bound-to-Running p50/p99, heartbeat lag p50/p99/max and lapsed Leases, API errors, peak "
                + "heap and load average. Exits 1 when a Lease lapsed or a pod was not Running in time.",
        footer = {"", "Examples:", "  berth bench nodes", "  berth bench nodes --nodes 500 --pods 5000 --json"})
public final class NodesBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "5000", description = "Simulated nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--pods", defaultValue = "50000", description = "Pods, created bound to the nodes round-robin "
            + "(default: ${DEFAULT-VALUE}).")
    int pods;

    @Option(names = "--heartbeat", defaultValue = "10", paramLabel = "SECONDS", description = "How often each node renews "
            + "its Lease, which lasts four times as long (kubelet: 10 s of 40 s; default: ${DEFAULT-VALUE}).")
    int heartbeatSeconds;

    @Option(names = "--hold", defaultValue = "30", paramLabel = "SECONDS", description = "How long to keep running once "
            + "every pod is Running, heartbeats still measured (default: ${DEFAULT-VALUE}).")
    int holdSeconds;

    @Option(names = "--clients", defaultValue = "32", description = "Pod creates kept in flight (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--kubelet-workers", defaultValue = "16",
            description = "The simulator's threads writing pod status (default: ${DEFAULT-VALUE}).")
    int kubeletWorkers;

    @Option(names = "--stop-heartbeats", defaultValue = "0", paramLabel = "NODES", description = "Stop the kubelets of this "
            + "many nodes once the pods run, to see their Leases lapse; the run then fails (default: ${DEFAULT-VALUE}).")
    int stopHeartbeats;

    @Option(names = "--data-dir", defaultValue = ".berth-bench",
            description = "Where the run's store goes (a fresh directory, deleted afterwards; default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--timeout", defaultValue = "900", paramLabel = "SECONDS",
            description = "Seconds the whole run may take before it stops and fails (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    BenchOutput output;

    @Override
    public Integer call() throws Exception {
        validate();
        NodesBenchmark.Options options = new NodesBenchmark.Options(nodes, pods, Duration.ofSeconds(heartbeatSeconds),
                Duration.ofSeconds(holdSeconds), clients, kubeletWorkers, stopHeartbeats, dataDir.toAbsolutePath(),
                Duration.ofSeconds(timeoutSeconds));
        NodesBenchReport report = new NodesBenchmark(output.progress()).run(options);
        output.print(spec, report.toText(), report::toJson);
        if (!report.targetMet()) {
            report.reasons().forEach(r -> spec.commandLine().getErr().println("berth bench nodes: target not met: " + r));
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private void validate() {
        Map<String, Integer> positive = new LinkedHashMap<>();
        positive.put("--nodes", nodes);
        positive.put("--pods", pods);
        positive.put("--heartbeat", heartbeatSeconds);
        positive.put("--clients", clients);
        positive.put("--kubelet-workers", kubeletWorkers);
        positive.put("--timeout", timeoutSeconds);
        positive.forEach((flag, value) -> {
            if (value < 1) {
                throw new UsageException(flag + ": must be at least 1, got " + value);
            }
        });
        if (holdSeconds < 0) {
            throw new UsageException("--hold: must not be negative, got " + holdSeconds);
        }
        if (stopHeartbeats < 0 || stopHeartbeats > nodes) {
            throw new UsageException("--stop-heartbeats: must be from 0 to --nodes (" + nodes + "), got " + stopHeartbeats);
        }
        if (nodes > 10_000) {
            throw new UsageException("--nodes: at most 10000, got " + nodes);
        }
    }
}
