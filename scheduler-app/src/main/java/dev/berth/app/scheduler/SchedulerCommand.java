package dev.berth.app.scheduler;

import dev.berth.app.HostPort;
import dev.berth.app.PluginSetup;
import dev.berth.app.UsageException;
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

    @Spec
    CommandSpec spec;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The cluster to schedule for.")
    Path kubeconfig;

    @Option(names = "--in-cluster",
            description = "Inside a pod: use its service account's token and CA instead of a kubeconfig.")
    boolean inCluster;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1); default: the default plugins as "
                    + "one profile named berth, so that it never takes pods meant for kube-scheduler.")
    Path configFile;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "Load out-of-tree plugins from the jars in DIR.")
    Path pluginsDir;

    @Option(names = "--http", defaultValue = "127.0.0.1:10259", paramLabel = "HOST:PORT",
            description = "Where /healthz, /readyz and /metrics are served (default: ${DEFAULT-VALUE}; port 0 picks one).")
    String http;

    @Option(names = "--sync-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long the first list of each kind may take (default: ${DEFAULT-VALUE}).")
    long syncTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Config clientConfig = clientConfig();
        HostPort httpAddress = HostPort.parse("--http", http, "127.0.0.1:10259");
        PluginRegistry registry = PluginSetup.registry(pluginsDir);
        SchedulerConfigLoader loader = PluginSetup.configLoader(registry);
        SchedulerConfiguration config = configFile == null ? loader.parse(SECONDARY_PROFILE) : loader.load(configFile);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build();
             SchedulerRuntime runtime = SchedulerRuntime.start(client, config, registry, httpAddress.host(),
                     httpAddress.port(), Duration.ofSeconds(syncTimeoutSeconds), exit::complete)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> exit.complete(0), "berth-scheduler-shutdown"));
            return exit.get();
        }
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
