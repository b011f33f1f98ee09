package dev.berth.app.scheduler;

import dev.berth.app.HostPort;
import dev.berth.app.PluginSetup;
import dev.berth.app.UsageException;
import dev.berth.app.cluster.ApiRateLimit;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.registry.PluginRegistry;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code berth scheduler}: a secondary scheduler against any cluster a kubeconfig names (kind, a real cluster, or
 * Berth's own shim). It schedules the pods whose {@code schedulerName} is one of its profiles' and leaves the others
 * alone; with leader election on (upstream's default) only the replica holding the lease schedules, and one that
 * loses it stops at once and exits 1 so that its supervisor restarts it as a standby.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = "Run Berth as a (secondary) scheduler against the cluster of a kubeconfig.",
        footer = {"", "Examples:",
                "  berth scheduler --kubeconfig ~/.kube/config",
                "  berth scheduler --in-cluster --config /etc/berth/scheduler-config.yaml",
                "  berth scheduler --kubeconfig .berth/kubeconfig --config scheduler-config.yaml --http 127.0.0.1:10259"})
public final class SchedulerCommand implements Callable<Integer> {
    /** Upstream's default profile under Berth's own scheduler name. */
    public static final String SECONDARY_PROFILE = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
            - schedulerName: berth
            """;

    /** How often --config is read for changes. */
    private static final Duration CONFIG_CHECK_INTERVAL = Duration.ofSeconds(2);

    @Spec
    CommandSpec spec;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The cluster to schedule for.")
    Path kubeconfig;

    @Option(names = "--in-cluster",
            description = "Inside a pod: use its service account's token and CA instead of a kubeconfig.")
    boolean inCluster;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1), re-read when it changes; default: "
                    + "the default plugins as one profile named berth, so that it never takes pods meant for kube-scheduler.")
    Path configFile;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "Load out-of-tree plugins from the jars in DIR.")
    Path pluginsDir;

    @Option(names = "--http", defaultValue = "127.0.0.1:10259", paramLabel = "HOST:PORT",
            description = "Where /healthz, /readyz, /metrics, /debug/ and /ui are served (default: ${DEFAULT-VALUE}; "
                    + "port 0 picks one).")
    String http;

    @Option(names = "--kube-api-qps", defaultValue = "50", paramLabel = "QPS",
            description = "Requests per second to the API server, on average (kube-scheduler's flag; default: "
                    + "${DEFAULT-VALUE}; 0 or less: no limit).")
    double kubeApiQps;

    @Option(names = "--kube-api-burst", defaultValue = "100", paramLabel = "N",
            description = "Requests allowed at once after a quiet spell (kube-scheduler's flag; default: ${DEFAULT-VALUE}).")
    int kubeApiBurst;

    @Option(names = "--explain-history", defaultValue = "200", paramLabel = "PODS",
            description = "How many recently attempted pods /debug/explain and /ui can explain (default: ${DEFAULT-VALUE}).")
    int explainHistory;

    @Option(names = "--simulator-annotations",
            description = "Write each attempt's filter and score results on the pod as kube-scheduler-simulator's "
                    + "annotations (kube-scheduler-simulator.sigs.k8s.io/filter-result, ...).")
    boolean simulatorAnnotations;

    @Option(names = "--sync-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long the first list of each kind may take (default: ${DEFAULT-VALUE}).")
    long syncTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Config clientConfig = clientConfig();
        HostPort httpAddress = HostPort.parse("--http", http, "127.0.0.1:10259");
        SchedulerRuntime.Options options = runtimeOptions();
        PluginRegistry registry = PluginSetup.registry(pluginsDir);
        SchedulerConfigLoader loader = PluginSetup.configLoader(registry);
        SchedulerConfiguration config = configFile == null ? loader.parse(SECONDARY_PROFILE) : loader.load(configFile);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build();
             SchedulerRuntime runtime = SchedulerRuntime.start(client, config, registry, httpAddress.host(),
                     httpAddress.port(), Duration.ofSeconds(syncTimeoutSeconds), options, exit::complete);
             AutoCloseable watcher = watchConfig(loader, runtime)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> exit.complete(0), "berth-scheduler-shutdown"));
            return exit.get();
        }
    }

    private SchedulerRuntime.Options runtimeOptions() {
        if (explainHistory < 1) {
            throw new UsageException("--explain-history " + explainHistory + ": want at least 1 pod");
        }
        if (kubeApiQps > 0 && kubeApiBurst < 1) {
            throw new UsageException("--kube-api-burst " + kubeApiBurst + ": want at least 1 when --kube-api-qps is "
                    + "above 0");
        }
        return new SchedulerRuntime.Options(explainHistory, simulatorAnnotations, new ApiRateLimit(kubeApiQps, kubeApiBurst));
    }

    /** With --config, a changed file rebuilds the profiles (ConfigFileWatcher); without, nothing to watch. */
    private AutoCloseable watchConfig(SchedulerConfigLoader loader, SchedulerRuntime runtime) throws IOException {
        if (configFile == null) {
            return () -> { };
        }
        return new ConfigFileWatcher(configFile, Files.readAllBytes(configFile), CONFIG_CHECK_INTERVAL, loader::parse,
                runtime::reload);
    }

    private Config clientConfig() {
        if (inCluster == (kubeconfig != null)) {
            throw new UsageException("give exactly one of --kubeconfig FILE and --in-cluster");
        }
        if (inCluster) {
            return Config.autoConfigure(null);
        }
        try {
            return Config.fromKubeconfig(Files.readString(kubeconfig));
        } catch (IOException e) {
            throw new UsageException("--kubeconfig " + kubeconfig + ": cannot read it: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UsageException("--kubeconfig " + kubeconfig + ": not a usable kubeconfig: " + e.getMessage());
        }
    }
}
