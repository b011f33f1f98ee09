package dev.berth.app.bench;

import dev.berth.app.ExitCodes;
import dev.berth.app.UsageException;
import dev.berth.app.bench.nodes.NodesBenchCommand;
import dev.berth.app.bench.shim.ShimBenchCommand;
import dev.berth.app.bench.store.StoreBenchCommand;
import dev.berth.app.scheduler.debug.RecentAttempts;
import dev.berth.framework.config.PluginRef;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.plugins.DefaultPlugins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code berth bench}: scheduler_perf-style workloads, printing throughput and latency percentiles. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {RaftBenchCommand.class, StoreBenchCommand.class, ShimBenchCommand.class,
        NodesBenchCommand.class},
        description = "Run a scheduler_perf-style workload and print SchedulingThroughput (pods/s), attempt and end-to-end "
                + "latency and peak heap: full stack (scheduler, API shim and store over HTTP) or --in-process.",
        footer = {"", "Examples:",
                "  berth bench --workload SchedulingBasic --nodes 500",
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

    static final String SCHEDULER_NAME = "berth-bench";

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

    @Spec
    CommandSpec spec;

    @Option(names = "--workload", defaultValue = "SchedulingBasic", description = "Workload name: ${COMPLETION-CANDIDATES}.",
            completionCandidates = WorkloadNames.class)
    String workload;

    @Option(names = "--nodes", defaultValue = "5000", description = "Number of nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--pods", description = "Number of measured pods (default: the workload's for this many nodes, "
            + "from its largest size not above --nodes, scaled to --nodes).")
    Integer pods;

    @Option(names = "--init-pods", description = "Initial pods created before measuring (default: the workload's, "
            + "scaled the same way).")
    Integer initPods;

    @Option(names = "--profile", defaultValue = "default",
            description = "Plugins to schedule with: 'default' (upstream's default profile) or 'minimal' (one simple resource-fit "
                    + "Filter+Score plugin, to measure the runtime itself). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--in-process", description = "Run the scheduling runtime alone against an in-memory cluster.")
    boolean inProcess;

    @Option(names = "--timeout", defaultValue = "600",
            description = "Give up (exit 1) when the run, setup included, takes longer than this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--warmup-runs", defaultValue = "1", paramLabel = "N",
            description = "Unmeasured runs of the workload at its smallest size first, each on a fresh cluster of the same "
                    + "mode, so the measured run meets JIT-compiled code as a long-running scheduler does "
                    + "(default: ${DEFAULT-VALUE}; 0 measures a cold JVM).")
    int warmupRuns;

    @Option(names = "--warmup-pods", paramLabel = "PODS",
            description = "Measured pods of each warm-up run (default: the workload file's warmupPods, else its measured pods "
                    + "at the smallest size). HotSpot's optimizing compiler takes a method after thousands of calls, and "
                    + "much of the full stack's code runs once per pod.")
    Integer warmupPods;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "N",
            description = "Measured runs, each on a fresh cluster after the warm-up; the report is the run of median "
                    + "average throughput, with every run's average (default: ${DEFAULT-VALUE}).")
    int runs;

    @Mixin
    BenchOutput output;

    @Option(names = "--explain-history", defaultValue = "0", paramLabel = "PODS",
            description = "Record attempts as berth scheduler does for /debug/explain, keeping the last PODS pods "
                    + "(default: ${DEFAULT-VALUE}, no recording).")
    int explainHistory;

    /** Lists the workloads for --help. */
    static final class WorkloadNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Workloads.NAMES.iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        Workload w = Workloads.byName(workload);
        if (nodes < 1) {
            throw new UsageException("--nodes: must be at least 1, got " + nodes);
        }
        if (timeoutSeconds < 1) {
            throw new UsageException("--timeout: must be at least 1 second, got " + timeoutSeconds);
        }
        Workload.Size size = w.sizeFor(nodes);
        int measured = pods == null ? Workload.scaled(size.measurePods(), size, nodes) : pods;
        int init = initPods == null ? Workload.scaled(size.initPods(), size, nodes) : initPods;
        if (measured < 1) {
            throw new UsageException("--pods: must be at least 1, got " + measured);
        }
        if (explainHistory < 0) {
            throw new UsageException("--explain-history: must not be negative, got " + explainHistory);
        }
        if (runs < 1) {
            throw new UsageException("--runs: must be at least 1, got " + runs);
        }
        if (warmupRuns < 0) {
            throw new UsageException("--warmup-runs: must not be negative, got " + warmupRuns);
        }
        if (init < 0) {
            throw new UsageException("--init-pods: must not be negative, got " + init);
        }
        checkFits(w, "--pods", measured, nodes);
        Workload.Size smallest = w.sizes().get(0);
        int warmupMeasured = warmupPods == null ? w.warmupPods() : warmupPods;
        if (warmupMeasured < 1) {
            throw new UsageException("--warmup-pods: must be at least 1, got " + warmupMeasured);
        }
        checkFits(w, "--warmup-pods", warmupMeasured, smallest.nodes());
        PluginRegistry registry = DefaultPlugins.registry(getClass().getClassLoader());
        SchedulerConfiguration config = configuration(w, profile, registry);
        Benchmark benchmark = new Benchmark(w, profile, config, registry, SCHEDULER_NAME, output.progress());
        if (explainHistory > 0) {
            benchmark.recordingAttempts(new RecentAttempts(explainHistory));
        }
        BenchReport report;
        try {
            for (int i = 0; i < warmupRuns; i++) {
                if (output.progress() != null) {
                    output.progress().printf("  warm-up run %d of %d at %d nodes (not measured)%n", i + 1, warmupRuns,
                            smallest.nodes());
                }
                try (BenchTarget target = target()) {
                    benchmark.run(target, smallest.nodes(), smallest.initPods(), warmupMeasured,
                            Duration.ofSeconds(timeoutSeconds));
                }
            }
            List<BenchReport> reports = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                if (runs > 1 && output.progress() != null) {
                    output.progress().printf("  measured run %d of %d%n", i + 1, runs);
                }
                try (BenchTarget target = target()) {
                    reports.add(benchmark.run(target, nodes, init, measured, Duration.ofSeconds(timeoutSeconds)));
                }
            }
            report = BenchReport.medianOf(reports);
        } catch (BenchTimeoutException e) {
            spec.commandLine().getErr().println("berth bench: " + w.name() + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        output.print(spec, report.toText(), report::toJson);
        return 0;
    }

    /** Refuses more measured pods than {@code nodes} can hold when the workload caps its pods per node. */
    private static void checkFits(Workload w, String option, int pods, int nodes) {
        int maxPerNode = w.measurePods().maxPerNode();
        if (maxPerNode > 0 && pods > (long) nodes * maxPerNode) {
            throw new UsageException(option + ": " + w.name() + " fits at most " + maxPerNode + " measured pod(s) per node; use "
                    + option + " " + (long) nodes * maxPerNode + " or fewer with " + nodes + " nodes");
        }
    }

    private BenchTarget target() throws Exception {
        return inProcess ? new InMemoryTarget() : FullStackTarget.start();
    }

    /** The profile to schedule with: --profile's, or the workload's own plugins (Coscheduling) on the default profile. */
    static SchedulerConfiguration configuration(Workload w, String profile, PluginRegistry registry) {
        SchedulerConfigLoader loader = new SchedulerConfigLoader(registry.names(), DefaultPlugins.multiPoint());
        return switch (profile) {
            case "default" -> loader.parse(w.profile() == null ? DEFAULT_PROFILE : profileWith(w.profile()));
            case "minimal" -> {
                if (w.profile() != null) {
                    throw new UsageException("--profile minimal: workload " + w.name() + " needs its own plugins; use --profile default");
                }
                registry.register(new SimpleResourceFit.Factory(), "berth bench");
                yield new SchedulerConfigLoader(registry.names(), List.<PluginRef>of()).parse(MINIMAL_PROFILE);
            }
            default -> throw new UsageException("--profile: must be 'default' or 'minimal', got \"" + profile + "\"");
        };
    }

    /** A configuration of one profile named {@value #SCHEDULER_NAME} with the workload's plugins. */
    private static String profileWith(String profileYaml) {
        String indented = profileYaml.replaceFirst("^---\\s*\n", "").lines().map(l -> "  " + l).reduce((x, y) -> x + "\n" + y).orElse("");
        return DEFAULT_PROFILE + indented + "\n";
    }
}
