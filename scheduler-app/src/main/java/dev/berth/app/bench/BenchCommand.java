package dev.berth.app.bench;

import dev.berth.app.UsageException;
import dev.berth.app.bench.shim.ShimBenchCommand;
import dev.berth.app.bench.store.StoreBenchCommand;
import dev.berth.app.scheduler.debug.RecentAttempts;
import dev.berth.framework.config.PluginRef;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.plugins.DefaultPlugins;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code berth bench}: scheduler_perf-style workloads, printing throughput and latency percentiles. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {RaftBenchCommand.class, StoreBenchCommand.class, ShimBenchCommand.class},
        description = "Run a scheduler_perf-style workload and print SchedulingThroughput (pods/s) and attempt latency.",
        footer = {"", "Examples:",
                "  berth bench --in-process --workload SchedulingBasic --nodes 5000 --pods 10000",
                "  berth bench --in-process --workload SchedulingPodAntiAffinity --nodes 5000 --pods 4000",
                "  berth bench --in-process --profile minimal --nodes 5000 --pods 10000",
                "  berth bench --in-process --nodes 500 --pods 1000 --json",
                "  berth bench raft --members 3 --proposals 20000 --clients 64"})
public final class BenchCommand implements Callable<Integer> {

    /** The default kube-scheduler profile under the benchmark's scheduler name. */
    static final String DEFAULT_PROFILE = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
            - schedulerName: berth-bench
            """;

    /** The profile of the framework benchmark: the runtime with one minimal resource-fit plugin. */
    static final String MINIMAL_PROFILE = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
            - schedulerName: berth-bench
              plugins:
                multiPoint:
                  enabled:
                  - name: PrioritySort
                  - name: SimpleResourceFit
                  - name: DefaultBinder
            """;

    /** Keeps default initial pods to a quarter of a template node's CPU, so small runs leave room for the measured pods. */
    private static final int MAX_DEFAULT_INIT_PODS_PER_NODE = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--workload", defaultValue = "SchedulingBasic", description = "Workload name: ${COMPLETION-CANDIDATES}.",
            completionCandidates = WorkloadNames.class)
    String workload;

    @Option(names = "--nodes", defaultValue = "5000", description = "Number of nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--pods", defaultValue = "10000", description = "Number of measured pods (default: ${DEFAULT-VALUE}).")
    int pods;

    @Option(names = "--init-pods", description = "Pods already running before measuring (default: the workload's).")
    Integer initPods;

    @Option(names = "--profile", defaultValue = "default",
            description = "Plugins to schedule with: 'default' (upstream's default profile) or 'minimal' (one simple resource-fit "
                    + "Filter+Score plugin, to measure the runtime itself). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--in-process", description = "Run the scheduling runtime alone against an in-memory cluster.")
    boolean inProcess;

    @Option(names = "--timeout", defaultValue = "600", description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Option(names = "--explain-history", defaultValue = "0", paramLabel = "PODS",
            description = "Record attempts as berth scheduler does for /debug/explain, keeping the last PODS pods "
                    + "(default: ${DEFAULT-VALUE}, no recording).")
    int explainHistory;

    /** Lists the workloads for --help. */
    static final class WorkloadNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Workload.names().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        Workload w = Workload.byName(workload).orElseThrow(() ->
                new UsageException("--workload: unknown workload \"" + workload + "\"; choose one of " + Workload.names()));
        if (nodes < 1) {
            throw new UsageException("--nodes: must be at least 1, got " + nodes);
        }
        if (pods < 1) {
            throw new UsageException("--pods: must be at least 1, got " + pods);
        }
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout: must be at least 1 second, got " + timeoutSeconds);
        }
        if (!inProcess) {
            throw new UsageException("--in-process is required: the full-stack mode (scheduler, API shim and store over HTTP) "
                    + "is not built yet");
        }
        if (explainHistory < 0) {
            throw new UsageException("--explain-history: must not be negative, got " + explainHistory);
        }
        int init = initPods == null ? Math.min(w.defaultInitPods(), nodes * MAX_DEFAULT_INIT_PODS_PER_NODE) : initPods;
        if (init < 0) {
            throw new UsageException("--init-pods: must not be negative, got " + init);
        }
        if (w.maxMeasuredPerNode() > 0 && pods > (long) nodes * w.maxMeasuredPerNode()) {
            throw new UsageException("--pods: " + w.name() + " fits at most " + w.maxMeasuredPerNode() + " measured pod(s) per node; use --pods "
                    + (long) nodes * w.maxMeasuredPerNode() + " or fewer with --nodes " + nodes);
        }
        PluginRegistry registry = DefaultPlugins.registry(getClass().getClassLoader());
        SchedulerConfiguration config = switch (profile) {
            case "default" -> new SchedulerConfigLoader(registry.names(), DefaultPlugins.multiPoint()).parse(DEFAULT_PROFILE);
            case "minimal" -> {
                registry.register(new SimpleResourceFit.Factory(), "berth bench");
                yield new SchedulerConfigLoader(registry.names(), List.<PluginRef>of()).parse(MINIMAL_PROFILE);
            }
            default -> throw new UsageException("--profile: must be 'default' or 'minimal', got \"" + profile + "\"");
        };
        PrintStream progress = json ? null : System.err;
        InProcessBenchmark benchmark = new InProcessBenchmark(w, profile, config, registry, "berth-bench", progress);
        if (explainHistory > 0) {
            benchmark.recordingAttempts(new RecentAttempts(explainHistory));
        }
        BenchReport report = benchmark.run(nodes, init, pods, Duration.ofSeconds(timeoutSeconds));
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println(report.toText());
        if (json) {
            out.println(report.toJson());
        }
        out.flush();
        return 0;
    }
}
