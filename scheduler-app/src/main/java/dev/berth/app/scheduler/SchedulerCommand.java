package dev.berth.app.scheduler;

import dev.berth.app.PluginSetup;
import dev.berth.app.UsageException;
import dev.berth.app.cluster.Fabric8ClusterClient;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.runtime.SchedulerOptions;
import dev.berth.framework.runtime.VertxSchedulerHost;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerCommand.class);
    /** Upstream's default profile under Berth's own scheduler name. */
    static final String SECONDARY_PROFILE = """
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
        String[] hostPort = hostAndPort(http);
        PluginRegistry registry = PluginSetup.registry(pluginsDir);
        SchedulerConfigLoader loader = PluginSetup.configLoader(registry);
        SchedulerConfiguration config = configFile == null ? loader.parse(SECONDARY_PROFILE) : loader.load(configFile);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Vertx vertx = Vertx.vertx();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(clientConfig).build();
             Fabric8ClusterClient cluster = new Fabric8ClusterClient(client, Duration.ofSeconds(syncTimeoutSeconds));
             VertxSchedulerHost host = new VertxSchedulerHost(vertx, config, registry, cluster,
                     new SchedulerMetrics(meters), SchedulerOptions.defaults());
             SchedulerHttpServer server = SchedulerHttpServer.start(vertx, hostPort[0], Integer.parseInt(hostPort[1]),
                     cluster::synced, meters)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> exit.complete(0), "berth-scheduler-shutdown"));
            LOG.warn("berth scheduler serving /healthz, /readyz and /metrics on {}:{}", hostPort[0], server.port());
            if (config.leaderElection().leaderElect()) {
                String identity = InetAddress.getLocalHost().getHostName() + "_" + UUID.randomUUID();
                try (SchedulerLeaderElection election = new SchedulerLeaderElection(client, config.leaderElection(),
                        identity, () -> startScheduling(host, exit), () -> {
                            LOG.error("berth scheduler {} lost its lease {}/{}; it stops scheduling and exits", identity,
                                    config.leaderElection().resourceNamespace(), config.leaderElection().resourceName());
                            exit.complete(1);
                        })) {
                    election.start();
                    return exit.get();
                }
            }
            startScheduling(host, exit);
            return exit.get();
        } finally {
            vertx.close();
        }
    }

    private static void startScheduling(VertxSchedulerHost host, CompletableFuture<Integer> exit) {
        try {
            host.start();
            LOG.warn("berth scheduler is scheduling");
        } catch (RuntimeException e) {
            LOG.error("berth scheduler could not start scheduling: {}", e.toString(), e);
            exit.complete(1);
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

    private static String[] hostAndPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new UsageException("--http " + value + ": expected HOST:PORT, e.g. 127.0.0.1:10259");
        }
        String port = value.substring(colon + 1);
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new UsageException("--http " + value + ": the port must be a number from 0 to 65535");
        }
        return new String[] {value.substring(0, colon), port};
    }
}
