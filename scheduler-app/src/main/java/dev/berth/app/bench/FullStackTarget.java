package dev.berth.app.bench;

import dev.berth.app.cluster.ApiRateLimit;
import dev.berth.app.cluster.Fabric8ClusterClient;
import dev.berth.app.nodes.NodeSimulator;
import dev.berth.app.nodes.NodeSource;
import dev.berth.app.up.EmbeddedApi;
import dev.berth.framework.api.ClusterClient;
import dev.berth.store.DirectoryTrees;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The full stack in one process: the embedded store (one member), the API shim over HTTPS on a free loopback port,
 * simulated nodes registered through the API, and the scheduler's fabric8 adapter, all talking real HTTP as
 * {@code berth up} and {@code berth scheduler} do. The data lives in a temporary directory removed on close.
 */
final class FullStackTarget implements BenchTarget {
    /** In flight at once while the harness creates pods: the shim and the store batch well from about this many. */
    private static final int WRITE_PARALLELISM = 16;
    private static final int CONFLICT = 409;
    private static final int CONNECT_TIMEOUT_MILLIS = 60_000;

    private final Path dataDir;
    private final EmbeddedApi api;
    private final KubernetesClient client;
    private final Fabric8ClusterClient schedulerView;
    private NodeSimulator simulator;

    private FullStackTarget(Path dataDir, EmbeddedApi api, KubernetesClient client) {
        this.dataDir = dataDir;
        this.api = api;
        this.client = client;
        this.schedulerView = new Fabric8ClusterClient(client, Duration.ofSeconds(60), ApiRateLimit.UNLIMITED);
    }

    static FullStackTarget start() throws Exception {
        Path dataDir = Files.createTempDirectory("berth-bench-");
        EmbeddedApi api = null;
        try {
            api = EmbeddedApi.start(dataDir, 1, "127.0.0.1", 0);
            Config config = api.clientConfig();
            // The harness's writers, the binding cycles and one long-lived connection per informer share this client.
            config.setMaxConcurrentRequests(WRITE_PARALLELISM * 4);
            config.setMaxConcurrentRequestsPerHost(WRITE_PARALLELISM * 4);
            // On a loaded 2-core machine a TLS handshake or a turn at the connection pool can take seconds; fabric8's
            // 10 s would fail the run, and --timeout bounds it anyway.
            config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
            config.setRequestTimeout(CONNECT_TIMEOUT_MILLIS);
            return new FullStackTarget(dataDir, api, new KubernetesClientBuilder().withConfig(config).build());
        } catch (Exception | Error e) {
            if (api != null) {
                api.close();
            }
            removeDataDir(dataDir);
            throw e;
        }
    }

    @Override
    public String mode() {
        return "full-stack";
    }

    @Override
    public void createNodes(Workload workload, int count) {
        // No heartbeats during a run: scheduler_perf's nodes have no kubelet, and 5,000 Lease renewals every 10 s
        // would be load the scheduler is not measured against upstream with.
        NodeSimulator.Options options = new NodeSimulator.Options(Duration.ofDays(1), Optional.empty(), 1, false);
        simulator = new NodeSimulator(client, new NodeSource() {
            @Override
            public String name(int index) {
                return workload.nodeName(index);
            }

            @Override
            public Node node(int index, Instant now) {
                return workload.node(index);
            }
        }, options, Clock.systemUTC());
        simulator.registerNodes(count);
    }

    @Override
    public void create(HasMetadata object) {
        try {
            client.resource(object).create();
        } catch (KubernetesClientException e) {
            // Namespaces outlive nothing here, but "default" and the like exist from the start.
            if (!(object instanceof Namespace && e.getCode() == CONFLICT)) {
                throw e;
            }
        }
    }

    @Override
    public void delete(HasMetadata object) {
        client.resource(object).withGracePeriod(0).delete();
    }

    @Override
    public int writeParallelism() {
        return WRITE_PARALLELISM;
    }

    @Override
    public ClusterClient schedulerView() {
        return schedulerView;
    }

    /** The API client the harness writes with (tests read the outcome through it). */
    KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
        schedulerView.close();
        client.close();
        api.close();
        removeDataDir(dataDir);
    }

    private static void removeDataDir(Path dataDir) {
        try {
            DirectoryTrees.delete(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the benchmark's data dir " + dataDir, e);
        }
    }
}
