package dev.berth.app.bench.nodes;

import dev.berth.app.bench.HeapSampler;
import dev.berth.app.bench.store.Measurement;
import dev.berth.app.nodes.NodeHeartbeats;
import dev.berth.app.nodes.NodeProfile;
import dev.berth.app.nodes.NodeSimulator;
import dev.berth.app.up.EmbeddedApi;
import dev.berth.store.DaemonThreads;
import dev.berth.store.DirectoryTrees;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node simulator at scale against the embedded cluster of {@code berth up} (one store member, the shim over HTTPS
 * with a token, in this JVM): registers the nodes with heartbeats running, creates the pods already bound to them
 * (no scheduler in the loop), waits until every pod is Running, holds a while longer, and watches every node Lease
 * throughout. The simulator has its own client, as kubelets have their own connections.
 */
public final class NodesBenchmark {
    static final String NAMESPACE = "bench-nodes";
    private static final String POD_PREFIX = "pod-";
    private static final int LAPSED_NAMES_SHOWN = 10;
    /** Requests the simulator's client keeps in flight: its heartbeat writers plus its pod workers, with room. */
    private static final int SIMULATOR_CONCURRENCY = 192;
    private static final int REQUEST_TIMEOUT_MILLIS = 60_000;

    /**
     * @param heartbeat      the simulator's Lease renew interval (a kubelet's: 10 s); Leases last four times that
     * @param hold           how long to keep running once every pod is Running, so heartbeats are also measured in the
     *                       steady state with everything stored
     * @param clients        pod create requests in flight
     * @param kubeletWorkers the simulator's pod status writers
     * @param stopHeartbeats nodes whose kubelet stops (NotReady, no more renewals) once the pods run: a check that the
     *                       benchmark sees a lapsed Lease
     */
    public record Options(int nodes, int pods, Duration heartbeat, Duration hold, int clients, int kubeletWorkers,
                          int stopHeartbeats, Path dataDir, Duration timeout) {
    }

    private final PrintStream progress;
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    /** @param progress where phases and a line every ten seconds go; null for none */
    public NodesBenchmark(PrintStream progress) {
        this.progress = progress;
    }

    public NodesBenchReport run(Options options) throws Exception {
        long start = System.nanoTime();
        long deadline = start + options.timeout().toNanos();
        double loadAtStart = os.getSystemLoadAverage();
        Files.createDirectories(options.dataDir());
        Path runDir = Files.createTempDirectory(options.dataDir(), "nodes-");
        HeapSampler heap = new HeapSampler();
        AtomicLong highestLoad = new AtomicLong(Double.doubleToLongBits(loadAtStart));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-nodes-sampler"));
        NodeProfile profile = NodeProfile.mixed();
        NodeSimulator.Options simulatorOptions = new NodeSimulator.Options(options.heartbeat(), Optional.empty(),
                options.kubeletWorkers(), false);
        List<String> reasons = new ArrayList<>();
        try (EmbeddedApi api = EmbeddedApi.start(runDir, 1, "127.0.0.1", 0);
             KubernetesClient client = client(api, options.clients() + 8);
             KubernetesClient kubelets = client(api, SIMULATOR_CONCURRENCY);
             LeaseMonitor leases = LeaseMonitor.start(client, options.heartbeat());
             NodeSimulator simulator = new NodeSimulator(kubelets, profile, simulatorOptions, Clock.systemUTC())) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                    .create();
            try (PodStarts starts = PodStarts.start(client, NAMESPACE, options.pods())) {
                AtomicInteger created = new AtomicInteger();
                AtomicInteger tick = new AtomicInteger();
                sampler.scheduleAtFixedRate(() -> {
                    heap.sample();
                    leases.sweep(System.nanoTime());
                    highestLoad.accumulateAndGet(Double.doubleToLongBits(os.getSystemLoadAverage()),
                            (a, b) -> Double.longBitsToDouble(a) >= Double.longBitsToDouble(b) ? a : b);
                    if (tick.incrementAndGet() % 10 == 0) {
                        say("%d s: %d leases, %d pods created, %d Running, load %.1f", tick.get(), leases.leases(),
                                created.get(), starts.runningCount(), os.getSystemLoadAverage());
                    }
                }, 1, 1, TimeUnit.SECONDS);

                say("registering %d nodes...", options.nodes());
                long registrationStart = System.nanoTime();
                boolean registered = registerWithin(simulator, options.nodes(), deadline, reasons);
                NodesBenchReport.Phase registration = NodesBenchReport.Phase.of(registered ? options.nodes() : 0,
                        System.nanoTime() - registrationStart);

                long creationStart = System.nanoTime();
                AtomicLong createErrors = new AtomicLong();
                if (registered) {
                    say("creating %d pods bound to them...", options.pods());
                    createPods(client, nodeNames(profile, options.nodes()), options, starts, created, createErrors, deadline);
                }
                NodesBenchReport.Phase creation = NodesBenchReport.Phase.of(created.get(), System.nanoTime() - creationStart);
                boolean allRunning = registered && starts.awaitAll(deadline);
                NodesBenchReport.PodStartFigures podFigures = podFigures(starts);
                if (!allRunning) {
                    reasons.add(String.format("%d of %d pods Running within --timeout %d s", starts.runningCount(),
                            options.pods(), options.timeout().toSeconds()));
                }
                if (registered) {
                    hold(simulator, profile, options, deadline);
                }
                leases.sweep(System.nanoTime());
                starts.failure().ifPresent(reasons::add);
                NodesBenchReport.HeartbeatFigures heartbeatFigures = heartbeatFigures(leases);
                if (heartbeatFigures.lapsedLeases() > 0) {
                    reasons.add(heartbeatFigures.lapsedLeases() + " node Lease(s) went unrenewed for longer than their "
                            + "leaseDurationSeconds: " + String.join(", ", heartbeatFigures.lapsedNodes())
                            + (heartbeatFigures.lapsedLeases() > LAPSED_NAMES_SHOWN ? ", ..." : ""));
                }
                leases.failure().ifPresent(reasons::add);
                heap.sample();
                return new NodesBenchReport(options.nodes(), options.pods(), (int) options.heartbeat().toSeconds(),
                        simulatorOptions.leaseDurationSeconds(),
                        registration, creation, podFigures, heartbeatFigures, simulatorFigures(simulator), createErrors.get(),
                        heap.peakBytes(), new NodesBenchReport.LoadAverage(loadAtStart, os.getSystemLoadAverage(),
                        Math.max(Double.longBitsToDouble(highestLoad.get()), os.getSystemLoadAverage())),
                        (System.nanoTime() - start) / 1e9, reasons.isEmpty(), List.copyOf(reasons));
            }
        } finally {
            sampler.shutdownNow();
            DirectoryTrees.delete(runDir);
        }
    }

    private static List<String> nodeNames(NodeProfile profile, int nodes) {
        List<String> names = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            names.add(profile.name(i));
        }
        return names;
    }

    /** Registers the nodes (heartbeats start with each), giving up at the deadline. */
    private static boolean registerWithin(NodeSimulator simulator, int nodes, long deadline, List<String> reasons)
            throws InterruptedException {
        FutureTask<Void> registration = new FutureTask<>(() -> simulator.start(nodes), null);
        DaemonThreads.named("bench-nodes-register").newThread(registration).start();
        try {
            registration.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            reasons.add("registering " + nodes + " nodes did not finish within --timeout");
        } catch (ExecutionException e) {
            reasons.add("registering the nodes failed: " + e.getCause().getMessage());
        }
        return false;
    }

    /** {@code clients} threads create the pods, pod i bound to node i mod nodes; a failed create is counted, not retried. */
    private static void createPods(KubernetesClient client, List<String> nodes, Options options, PodStarts starts,
                                   AtomicInteger created, AtomicLong errors, long deadline) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.clients(), DaemonThreads.named("bench-nodes-create"));
        try {
            for (int c = 0; c < options.clients(); c++) {
                pool.execute(() -> {
                    for (int i = next.getAndIncrement(); i < options.pods() && System.nanoTime() < deadline;
                         i = next.getAndIncrement()) {
                        starts.created(i, System.nanoTime());
                        try {
                            client.pods().inNamespace(NAMESPACE).resource(pod(i, nodes.get(i % nodes.size()))).create();
                            created.incrementAndGet();
                        } catch (KubernetesClientException e) {
                            errors.incrementAndGet();
                        }
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Keeps running for --hold with everything stored; first stops the kubelets of --stop-heartbeats nodes. */
    private void hold(NodeSimulator simulator, NodeProfile profile, Options options, long deadline)
            throws InterruptedException {
        for (int i = 0; i < Math.min(options.stopHeartbeats(), options.nodes()); i++) {
            simulator.failNode(profile.name(i));
        }
        say("every pod started; holding %d s...", options.hold().toSeconds());
        long until = Math.min(deadline, System.nanoTime() + options.hold().toNanos());
        TimeUnit.NANOSECONDS.sleep(Math.max(0, until - System.nanoTime()));
    }

    private static NodesBenchReport.PodStartFigures podFigures(PodStarts starts) {
        long[] sorted = starts.sortedStartNanos();
        double allRunningSeconds = starts.allRunningAfterNanos() / 1e9;
        return new NodesBenchReport.PodStartFigures(starts.runningCount(), allRunningSeconds,
                allRunningSeconds > 0 ? starts.runningCount() / allRunningSeconds : 0,
                millisAt(sorted, 0.50), millisAt(sorted, 0.99));
    }

    private static NodesBenchReport.HeartbeatFigures heartbeatFigures(LeaseMonitor leases) {
        long[] lags = leases.sortedLags();
        List<String> lapsed = leases.lapsed();
        return new NodesBenchReport.HeartbeatFigures(lags.length, millisAt(lags, 0.50), millisAt(lags, 0.99),
                millisAt(lags, 1.0), lapsed.size(), lapsed.subList(0, Math.min(LAPSED_NAMES_SHOWN, lapsed.size())));
    }

    private static NodesBenchReport.SimulatorFigures simulatorFigures(NodeSimulator simulator) {
        NodeHeartbeats.Stats stats = simulator.heartbeatStats();
        return new NodesBenchReport.SimulatorFigures(stats.renewals(), stats.overruns(), stats.maxLateNanos() / 1e6,
                simulator.apiErrors());
    }

    /** The nearest-rank percentile in milliseconds; 0 when nothing was measured. */
    private static double millisAt(long[] sortedNanos, double q) {
        return sortedNanos.length == 0 ? 0 : Measurement.percentile(sortedNanos, q) / 1e6;
    }

    static Pod pod(int index, String node) {
        return new PodBuilder().withNewMetadata().withName(String.format("%s%06d", POD_PREFIX, index))
                .withLabels(Map.of("app", "bench-nodes-" + index % 100)).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("registry.k8s.io/pause:3.10")
                .withNewResources().withRequests(Map.of("cpu", new Quantity("10m"), "memory", new Quantity("16Mi")))
                .endResources().endContainer().endSpec().build();
    }

    /** The index in a benchmark pod's name; -1 for a name that is not one. */
    static int podIndex(String name) {
        if (!name.startsWith(POD_PREFIX)) {
            return -1;
        }
        try {
            return Integer.parseInt(name.substring(POD_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void say(String format, Object... args) {
        if (progress != null) {
            progress.printf("berth bench nodes: " + format + "%n", args);
        }
    }

    private static KubernetesClient client(EmbeddedApi api, int concurrency) throws IOException {
        Config config = api.clientConfig();
        config.setMaxConcurrentRequests(concurrency);
        config.setMaxConcurrentRequestsPerHost(concurrency);
        config.setRequestRetryBackoffLimit(0);
        // fabric8's 10 s default failed a whole run: one node registration waited longer on the loaded machine, and a
        // registration is not retried. Answers that slow are what the run's figures report, not a reason to stop it.
        config.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
