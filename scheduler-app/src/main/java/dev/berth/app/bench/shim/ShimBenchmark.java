package dev.berth.app.bench.shim;

import dev.berth.app.bench.store.FixedRate;
import dev.berth.app.bench.store.Measurement;
import dev.berth.app.up.EmbeddedApi;
import dev.berth.store.DirectoryTrees;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads the embedded cluster of {@code berth up} (one store member, the shim over HTTPS with a token) with nodes and
 * bound pods through fabric8, as a scheduler's cluster looks, then measures get, list and watch delivery on it and
 * the heap all of that takes.
 */
public final class ShimBenchmark {
    static final String NAMESPACE = "bench";
    /** Carries the patch's send time (this JVM's nanoTime) to the watcher, so delivery needs no lookup table. */
    static final String SENT_ANNOTATION = "bench.berth.dev/sent-nanos";

    /**
     * @param listClients lists in flight: each answer holds every pod, so fewer than the other rows
     * @param watchRate   patches per second in the watch row, sent on a fixed schedule whatever the answers
     */
    public record Options(int nodes, int pods, int clients, int gets, int lists, int listClients, int watchUpdates,
                          int watchRate, Path dataDir, Duration timeout) {
    }

    private final PrintStream progress;

    /** @param progress where each row's start is announced; null for none */
    public ShimBenchmark(PrintStream progress) {
        this.progress = progress;
    }

    public ShimBenchReport run(Options options) throws Exception {
        Files.createDirectories(options.dataDir());
        Path runDir = Files.createTempDirectory(options.dataDir(), "shim-");
        List<ShimBenchReport.Row> rows = new ArrayList<>();
        try (EmbeddedApi api = EmbeddedApi.start(runDir, 1, "127.0.0.1", 0);
             KubernetesClient client = client(api, options.clients())) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                    .create();
            BlockingLoop loop = new BlockingLoop(options.clients(), options.timeout());
            rows.add(row("create node", options.nodes(), () -> loop.run("create node", options.nodes(),
                    i -> client.nodes().resource(node(i)).create())));
            rows.add(row("create pod", options.pods(), () -> loop.run("create pod", options.pods(),
                    i -> client.pods().inNamespace(NAMESPACE).resource(pod(i, options.nodes())).create())));
            rows.add(row("get pod", options.gets(), () -> loop.run("get pod", options.gets(), i -> requireFound(client
                    .pods().inNamespace(NAMESPACE).withName(podName(ThreadLocalRandom.current().nextInt(options.pods()))).get()))));
            rows.add(row("list pods", options.lists(), () -> new BlockingLoop(options.listClients(), options.timeout())
                    .run("list pods", options.lists(), i -> requireSize(client.pods().inNamespace(NAMESPACE).list().getItems(),
                            options.pods()))));
            rows.add(row("watch delivery", options.watchUpdates(), () -> watchDelivery(client, options)));
            return new ShimBenchReport(options, rows, heapInUseAfterGc());
        } finally {
            DirectoryTrees.delete(runDir);
        }
    }

    private interface RowRun {
        Measurement run() throws Exception;
    }

    private ShimBenchReport.Row row(String name, int requests, RowRun run) throws Exception {
        if (progress != null) {
            progress.printf("berth bench shim: %s, %d requests...%n", name, requests);
        }
        return new ShimBenchReport.Row(name, requests, run.run());
    }

    /**
     * One watch on the namespace's pods from the current resourceVersion; patches at a fixed rate stamp a pod with
     * their send time, and each event's latency is its arrival minus that stamp. Every patch must be seen within the
     * timeout.
     */
    private static Measurement watchDelivery(KubernetesClient client, Options options) throws InterruptedException {
        int updates = options.watchUpdates();
        long[] latencies = new long[updates];
        AtomicInteger received = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        Watcher<Pod> watcher = new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                String sent = pod.getMetadata().getAnnotations() == null ? null
                        : pod.getMetadata().getAnnotations().get(SENT_ANNOTATION);
                if (action == Action.MODIFIED && sent != null) {
                    int n = received.getAndIncrement();
                    if (n < updates) {
                        latencies[n] = System.nanoTime() - Long.parseLong(sent);
                    }
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                failure.compareAndSet(null, "the watch closed: " + cause.getMessage());
            }
        };
        ExecutorService senders = Executors.newFixedThreadPool(options.clients());
        long start = System.nanoTime();
        long deadline = start + options.timeout().toNanos();
        // From the current resourceVersion, as an informer watches after its list: a watch without one would first
        // replay every stored pod as ADDED, and the row would time that replay instead of delivery.
        String from = client.pods().inNamespace(NAMESPACE).list(new ListOptionsBuilder().withLimit(1L).build())
                .getMetadata().getResourceVersion();
        try (Watch watch = client.pods().inNamespace(NAMESPACE)
                .watch(new ListOptionsBuilder().withResourceVersion(from).build(), watcher)) {
            FixedRate rate = new FixedRate(System.nanoTime(), options.watchRate());
            for (int i = 0; i < updates && failure.get() == null; i++) {
                rate.awaitDue(i);
                String name = podName(i % options.pods());
                senders.submit(() -> {
                    try {
                        client.pods().inNamespace(NAMESPACE).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                                "{\"metadata\":{\"annotations\":{\"" + SENT_ANNOTATION + "\":\"" + System.nanoTime() + "\"}}}");
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, "a patch failed: " + e.getMessage());
                    }
                });
            }
            while (received.get() < updates && failure.get() == null && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            // An event can arrive before its patch's answer: let the last patches finish rather than interrupt them.
            senders.shutdown();
            senders.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } finally {
            senders.shutdownNow();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("watch delivery: " + failure.get());
        }
        if (received.get() < updates) {
            throw new IllegalStateException("watch delivery: " + received.get() + " of " + updates
                    + " events received within --timeout " + options.timeout().toSeconds() + " s");
        }
        return Measurement.of(latencies, System.nanoTime() - start);
    }

    static Node node(int i) {
        return new NodeBuilder().withNewMetadata().withName(String.format("node-%05d", i))
                .withLabels(Map.of("topology.kubernetes.io/zone", "zone-" + (i % 3))).endMetadata()
                .withNewStatus().withCapacity(Map.of("cpu", new Quantity("32"), "memory", new Quantity("128Gi"),
                        "pods", new Quantity("110"))).withAllocatable(Map.of("cpu", new Quantity("32"),
                        "memory", new Quantity("128Gi"), "pods", new Quantity("110"))).endStatus().build();
    }

    static String podName(int i) {
        return String.format("pod-%06d", i);
    }

    static Pod pod(int i, int nodes) {
        return new PodBuilder().withNewMetadata().withName(podName(i)).withLabels(Map.of("app", "app-" + (i % 50)))
                .endMetadata().withNewSpec().withNodeName(String.format("node-%05d", i % nodes)).addNewContainer()
                .withName("app").withImage("registry.k8s.io/pause:3.10").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi"))).endResources()
                .endContainer().endSpec().build();
    }

    private static void requireFound(Pod pod) {
        if (pod == null) {
            throw new IllegalStateException("a stored pod was not found");
        }
    }

    private static void requireSize(List<Pod> pods, int expected) {
        if (pods.size() != expected) {
            throw new IllegalStateException("a list returned " + pods.size() + " pods, " + expected + " are stored");
        }
    }

    private static KubernetesClient client(EmbeddedApi api, int clients) throws IOException {
        Config config = api.clientConfig();
        config.setMaxConcurrentRequests(clients * 2);
        config.setMaxConcurrentRequestsPerHost(clients * 2);
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The heap the whole process uses with everything stored, after two full collections. */
    private static long heapInUseAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
