package dev.berth.app.up;

import dev.berth.app.HostPort;
import dev.berth.app.UsageException;
import dev.berth.app.nodes.NodeProfile;
import dev.berth.app.nodes.NodeSimulator;
import dev.berth.app.scheduler.SchedulerRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code berth up}: the embedded default. A store (one member, or a Raft cluster), the Kubernetes API shim over
 * HTTPS with a kubeconfig in the data dir, simulated nodes, and the scheduler with the default profile plus a
 * {@code berth} profile; {@code --demo} applies a workload that shows what the scheduler decides. State persists in
 * the data dir across restarts.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run an embedded cluster (store + Kubernetes API) with simulated nodes and the Berth scheduler.",
        footer = {"", "Examples:",
                "  berth up --demo",
                "  berth up --nodes 500 --store-nodes 3",
                "  berth up --demo --exit-when-done     (prints the placements and exits)",
                "  berth up --plugins-dir plugins       (the berth profile runs the jars' plugins too)",
                "  kubectl --kubeconfig .berth/kubeconfig get pods -A -o wide"})
public final class UpCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = ".berth", paramLabel = "DIR",
            description = "Where the cluster's state, certificates and kubeconfig live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--listen", defaultValue = "127.0.0.1:6443", paramLabel = "HOST:PORT",
            description = "Where the Kubernetes API listens (default: ${DEFAULT-VALUE}; loopback only).")
    String listen;

    @Option(names = "--nodes", defaultValue = "100", paramLabel = "N",
            description = "Simulated nodes in three zones, mixed sizes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--store-nodes", defaultValue = "1", paramLabel = "N",
            description = "Store members; 3 or 5 make a Raft cluster (default: ${DEFAULT-VALUE}).")
    int storeNodes;

    @Option(names = "--no-scheduler", description = "Run the cluster without the Berth scheduler.")
    boolean noScheduler;

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Load out-of-tree plugins from the jars in DIR; without --config the berth profile enables them.")
    Path pluginsDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) instead of the built-in "
                    + "default-scheduler and berth profiles.")
    Path configFile;

    @Option(names = "--demo", description = "Apply the demo workload and show where its pods go.")
    boolean demo;

    @Option(names = "--exit-when-done", description = "With --demo: print the summary and exit once the demo settles.")
    boolean exitWhenDone;

    @Option(names = "--demo-timeout", defaultValue = "180", paramLabel = "SECONDS",
            description = "How long the demo may take to settle (default: ${DEFAULT-VALUE}).")
    long demoTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        validate();
        HostPort address = HostPort.parse("--listen", listen, "127.0.0.1:6443");
        requireLoopback(address);
        UpScheduling scheduling = noScheduler ? null : UpScheduling.load(pluginsDir, configFile);
        PrintStream err = System.err;
        Files.createDirectories(dataDir);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        List<AutoCloseable> running = new ArrayList<>();
        try {
            EmbeddedApi api = started(running, EmbeddedApi.start(dataDir, storeNodes, address.host(),
                    address.port()));
            KubernetesClient client = started(running, new KubernetesClientBuilder()
                    .withConfig(api.clientConfig()).build());
            NodeSimulator simulator = started(running, new NodeSimulator(client, NodeProfile.mixed(),
                    NodeSimulator.Options.defaults(), Clock.systemUTC()));
            simulator.start(nodes);
            started(running, OrphanedPodCollector.start(client));
            if (scheduling != null) {
                started(running, SchedulerRuntime.start(client, scheduling.config(), scheduling.registry(), "127.0.0.1", 0,
                        Duration.ofSeconds(60), exit::complete));
            }
            err.println("berth up: ready, " + nodes + " nodes; kubectl --kubeconfig " + api.kubeconfig() + " get nodes");
            if (demo) {
                DemoSummary summary = new DemoWorkload(client, err).run(Duration.ofSeconds(demoTimeoutSeconds));
                spec.commandLine().getOut().print(summary.table());
                spec.commandLine().getOut().flush();
                List<String> problems = summary.problems();
                problems.forEach(p -> err.println("berth up: demo: " + p));
                if (exitWhenDone) {
                    return problems.isEmpty() ? 0 : 1;
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> exit.complete(0), "berth-up-shutdown"));
            return exit.get();
        } finally {
            stopAll(running);
        }
    }

    private static <T extends AutoCloseable> T started(List<AutoCloseable> running, T part) {
        running.add(part);
        return part;
    }

    /** Stops the parts in reverse order of starting; one that fails to stop does not keep the others running. */
    private static void stopAll(List<AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.warn("berth up: stopping {} failed: {}", running.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** The serving certificate names only loopback addresses, and the demo cluster is this machine's alone. */
    private static void requireLoopback(HostPort address) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(address.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UsageException("--listen " + address.host() + ":" + address.port() + ": unknown host");
        }
        if (!loopback) {
            throw new UsageException("--listen " + address.host() + ":" + address.port()
                    + ": berth up serves on a loopback address only, e.g. 127.0.0.1:6443");
        }
    }

    private void validate() {
        if (exitWhenDone && !demo) {
            throw new UsageException("--exit-when-done needs --demo");
        }
        if (nodes < 0 || nodes > 10_000) {
            throw new UsageException("--nodes " + nodes + ": must be from 0 to 10000");
        }
        if (storeNodes != 1 && storeNodes != 3 && storeNodes != 5) {
            throw new UsageException("--store-nodes " + storeNodes + ": must be 1, 3 or 5");
        }
        if (demo && noScheduler) {
            throw new UsageException("--demo needs the scheduler: drop --no-scheduler");
        }
        if (noScheduler && (pluginsDir != null || configFile != null)) {
            throw new UsageException((pluginsDir != null ? "--plugins-dir" : "--config")
                    + " configures the scheduler: drop --no-scheduler");
        }
    }
}
