package dev.berth.app.bench;

import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.runtime.AttemptListener;
import dev.berth.framework.runtime.SchedulerOptions;
import dev.berth.framework.runtime.AttemptRecorder;
import dev.berth.framework.runtime.VertxSchedulerHost;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a workload through the whole scheduling runtime (queue, cache, snapshot, parallel Filter and
 * Score, binding) against an in-memory cluster: the framework's speed without HTTP or storage.
 */
public final class InProcessBenchmark {

    private final Workload workload;
    private final String profile;
    private final SchedulerConfiguration config;
    private final PluginRegistry registry;
    private final String schedulerName;
    private final PrintStream progress;
    private AttemptRecorder recorder = AttemptRecorder.NONE;

    public InProcessBenchmark(Workload workload, String profile, SchedulerConfiguration config, PluginRegistry registry,
                              String schedulerName, PrintStream progress) {
        this.workload = workload;
        this.profile = profile;
        this.config = config;
        this.registry = registry;
        this.schedulerName = schedulerName;
        this.progress = progress;
    }

    /** Runs with {@code attempts} recording every attempt, as {@code berth scheduler}'s debug endpoints do. */
    public InProcessBenchmark recordingAttempts(AttemptRecorder attempts) {
        this.recorder = attempts;
        return this;
    }

    /**
     * Creates {@code nodes} nodes and {@code initPods} running pods, then {@code pods} pending pods, and
     * measures until they are all scheduled.
     *
     * @throws BenchTimeoutException if not all pods are scheduled within {@code timeout}
     */
    public BenchReport run(int nodes, int initPods, int pods, Duration timeout) throws InterruptedException {
        InMemoryCluster cluster = new InMemoryCluster();
        for (int i = 0; i < nodes; i++) {
            cluster.create(workload.node(i));
        }
        for (int i = 0; i < initPods; i++) {
            Pod p = workload.initPod(i, schedulerName);
            cluster.create(new PodBuilder(p).editSpec().withNodeName(workload.node(i % nodes).getMetadata().getName()).endSpec().build());
        }
        Vertx vertx = Vertx.vertx();
        AtomicInteger scheduled = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(pods);
        long[] latencies = new long[pods];
        AtomicInteger failures = new AtomicInteger();
        try (VertxSchedulerHost host = new VertxSchedulerHost(vertx, config, registry, cluster, SchedulerMetrics.noop(),
                SchedulerOptions.defaults())) {
            host.scheduler().setAttemptRecorder(recorder);
            host.scheduler().setAttemptListener((pod, outcome, node, message, nanos) -> {
                if (outcome == AttemptListener.Outcome.SCHEDULED) {
                    int n = scheduled.getAndIncrement();
                    if (n < latencies.length) {
                        latencies[n] = nanos;
                    }
                    done.countDown();
                } else {
                    failures.incrementAndGet();
                }
            });
            // Pod objects are built before the clock starts: building them is the harness's work, not the scheduler's.
            List<Pod> measured = new ArrayList<>(pods);
            for (int i = 0; i < pods; i++) {
                measured.add(workload.measuredPod(i, schedulerName));
            }
            host.start();
            long start = System.nanoTime();
            measured.forEach(cluster::create);
            List<Double> perSecond = new ArrayList<>();
            long deadline = start + timeout.toNanos();
            int last = 0;
            while (!done.await(1, TimeUnit.SECONDS)) {
                int now = scheduled.get();
                perSecond.add((double) (now - last));
                last = now;
                if (progress != null) {
                    progress.printf("\r  scheduled %d/%d pods (%d failed attempts)", now, pods, failures.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchTimeoutException("only " + now + " of " + pods + " pods were scheduled within "
                            + timeout.toSeconds() + "s (" + failures.get() + " failed attempts)");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int rest = scheduled.get() - last;
            double tail = seconds - perSecond.size();
            if (rest > 0 && tail > 0) {
                // The last, partial second counts at its rate, as scheduler_perf's collector does.
                perSecond.add(rest / tail);
            }
            if (progress != null) {
                progress.println();
            }
            double[] samples = perSecond.stream().mapToDouble(Double::doubleValue).toArray();
            return BenchReport.of(workload.name(), "in-process", profile, nodes, pods, seconds, samples, latencies);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
