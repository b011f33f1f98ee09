package dev.berth.app.scheduler;

import dev.berth.app.cluster.ApiRateLimit;
import dev.berth.app.cluster.Fabric8ClusterClient;
import dev.berth.app.scheduler.debug.DebugEndpoints;
import dev.berth.app.scheduler.debug.RecentAttempts;
import dev.berth.app.scheduler.debug.SimulatorAnnotationWriter;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.runtime.ReloadableSchedulerHost;
import dev.berth.framework.runtime.SchedulerOptions;
import dev.berth.framework.runtime.VertxSchedulerHost;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running scheduler on a cluster: the fabric8 adapter, the scheduling host, its HTTP endpoints, and, when the
 * configuration asks for it, the leader election that decides when it schedules. {@code berth scheduler} and
 * {@code berth up} both run one.
 */
public final class SchedulerRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerRuntime.class);

    private final Vertx vertx;
    private final Fabric8ClusterClient cluster;
    private final ReloadableSchedulerHost host;
    private final SchedulerHttpServer http;
    private final SchedulerLeaderElection election;
    private final SimulatorAnnotationWriter annotations;

    private SchedulerRuntime(Vertx vertx, Fabric8ClusterClient cluster, ReloadableSchedulerHost host, SchedulerHttpServer http,
                             SchedulerLeaderElection election, SimulatorAnnotationWriter annotations) {
        this.vertx = vertx;
        this.cluster = cluster;
        this.host = host;
        this.http = http;
        this.election = election;
        this.annotations = annotations;
    }

    /**
     * What {@code berth scheduler}'s flags set beyond the configuration.
     *
     * @param explainHistory how many pods' last attempts {@code /debug/explain} keeps (at least 1)
     * @param simulatorAnnotations whether each attempt is written on its pod as kube-scheduler-simulator's annotations
     * @param rateLimit the client-side limit on API requests ({@code --kube-api-qps}, {@code --kube-api-burst})
     */
    public record Options(int explainHistory, boolean simulatorAnnotations, ApiRateLimit rateLimit) {
        public static final int DEFAULT_EXPLAIN_HISTORY = 200;

        /** Attempts kept for the debug endpoints, no annotations, no rate limit: what {@code berth up} runs. */
        public static Options defaults() {
            return new Options(DEFAULT_EXPLAIN_HISTORY, false, ApiRateLimit.UNLIMITED);
        }
    }

    /** Starts with {@link Options#defaults()}: what {@code berth up} runs. */
    public static SchedulerRuntime start(KubernetesClient client, SchedulerConfiguration config, PluginRegistry registry,
                                         String httpHost, int httpPort, Duration syncTimeout, IntConsumer exit)
            throws Exception {
        return start(client, config, registry, httpHost, httpPort, syncTimeout, Options.defaults(), exit);
    }

    /**
     * Starts serving HTTP and then scheduling: at once, or once elected. {@code exit} receives the code the process
     * should end with when the scheduler cannot go on (1: it lost its lease or could not start).
     */
    public static SchedulerRuntime start(KubernetesClient client, SchedulerConfiguration config, PluginRegistry registry,
                                         String httpHost, int httpPort, Duration syncTimeout, Options options,
                                         IntConsumer exit) throws Exception {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.vertx();
        Fabric8ClusterClient cluster = new Fabric8ClusterClient(client, syncTimeout, options.rateLimit());
        ReloadableSchedulerHost host = null;
        SchedulerHttpServer http = null;
        SimulatorAnnotationWriter annotations = null;
        try {
            SchedulerMetrics metrics = new SchedulerMetrics(meters);
            RecentAttempts attempts = new RecentAttempts(options.explainHistory());
            // A reload builds a new host with a new Scheduler: each one records into the same history, and the
            // annotation writer and /debug/queue always look at the host running now.
            AtomicReference<VertxSchedulerHost> running = new AtomicReference<>();
            SimulatorAnnotationWriter writer = options.simulatorAnnotations() ? new SimulatorAnnotationWriter(cluster,
                    profile -> running.get().scheduler().frameworks().get(profile)::scoreWeight) : null;
            annotations = writer;
            host = new ReloadableSchedulerHost(config, c -> {
                VertxSchedulerHost built = new VertxSchedulerHost(vertx, c, registry, cluster, metrics,
                        SchedulerOptions.defaults());
                built.scheduler().setAttemptRecorder(writer == null ? attempts : attempt -> {
                    attempts.record(attempt);
                    writer.record(attempt);
                });
                running.set(built);
                return built;
            });
            http = SchedulerHttpServer.start(vertx, httpHost, httpPort, cluster::synced, meters,
                    new DebugEndpoints(() -> running.get().scheduler().queue(), attempts));
            LOG.warn("berth scheduler serves /healthz, /readyz, /metrics, /debug/ and /ui on {}:{}", httpHost, http.port());
            ReloadableSchedulerHost scheduling = host;
            SchedulerLeaderElection election = null;
            if (config.leaderElection().leaderElect()) {
                String identity = InetAddress.getLocalHost().getHostName() + "_" + UUID.randomUUID();
                election = new SchedulerLeaderElection(client, config.leaderElection(), identity,
                        () -> startScheduling(scheduling, exit), () -> {
                            LOG.error("berth scheduler {} lost its lease {}/{}; it stops scheduling and exits", identity,
                                    config.leaderElection().resourceNamespace(), config.leaderElection().resourceName());
                            // Stop before exiting: the new leader may already be binding, and exit hooks take time.
                            scheduling.close();
                            exit.accept(1);
                        });
                election.start();
            } else {
                startScheduling(host, exit);
            }
            return new SchedulerRuntime(vertx, cluster, host, http, election, annotations);
        } catch (Exception | Error e) {
            if (annotations != null) {
                annotations.close();
            }
            if (http != null) {
                http.close();
            }
            if (host != null) {
                host.close();
            }
            cluster.close();
            vertx.close();
            throw e;
        }
    }

    private static void startScheduling(ReloadableSchedulerHost host, IntConsumer exit) {
        try {
            LOG.warn("berth scheduler is scheduling");
            host.start();
        } catch (RuntimeException e) {
            LOG.error("berth scheduler could not start scheduling: {}", e.toString(), e);
            exit.accept(1);
        }
    }

    /**
     * Replaces the profiles (a changed {@code --config} file); leader election and the HTTP endpoints go on as they were.
     *
     * @throws dev.berth.framework.config.ConfigException if {@code config} cannot be built; the old profiles keep running
     */
    public void reload(SchedulerConfiguration config) {
        host.reload(config);
    }

    public int httpPort() {
        return http.port();
    }

    /** Whether every informer has listed its kind once. */
    public boolean synced() {
        return cluster.synced();
    }

    @Override
    public void close() {
        if (election != null) {
            election.close();
        }
        http.close();
        host.close();
        if (annotations != null) {
            annotations.close();
        }
        cluster.close();
        vertx.close();
    }
}
