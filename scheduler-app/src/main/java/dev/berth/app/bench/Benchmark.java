package dev.berth.app.bench;

import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.runtime.AttemptListener;
import dev.berth.framework.runtime.SchedulerOptions;
import dev.berth.framework.runtime.AttemptRecorder;
import dev.berth.framework.runtime.VertxSchedulerHost;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a workload as scheduler_perf does: nodes, initial pods, then the measured pods while the scheduler runs,
 * sampling how many pods it schedules each second. The same steps in process (in-memory cluster) and full stack
 * (store + shim over HTTP); the target decides which.
 */
public final class Benchmark {
    /** Runs shorter than this print no progress line; it would only flicker. */
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Workload workload;
    private final String profile;
    private final SchedulerConfiguration config;
    private final PluginRegistry registry;
    private final String schedulerName;
    private final PrintStream progress;
    private AttemptRecorder recorder = AttemptRecorder.NONE;

    public Benchmark(Workload workload, String profile, SchedulerConfiguration config, PluginRegistry registry,
                     String schedulerName, PrintStream progress) {
        this.workload = workload;
        this.profile = profile;
        this.config = config;
        this.registry = registry;
        this.schedulerName = schedulerName;
        this.progress = progress;
    }

    /** Runs with {@code attempts} recording every attempt, as {@code berth scheduler}'s debug endpoints do. */
    public Benchmark recordingAttempts(AttemptRecorder attempts) {
        this.recorder = attempts;
        return this;
    }

    /**
     * Creates {@code nodes} nodes and {@code initPods} initial pods, then {@code pods} measured pods, and measures
     * until they are all scheduled.
     *
     * @throws BenchTimeoutException if that does not happen within {@code timeout} of the start (setup included)
     */
    BenchReport run(BenchTarget target, int nodes, int initPods, int pods, Duration timeout) throws InterruptedException {
        long begin = System.nanoTime();
        long deadline = begin + timeout.toNanos();
        HeapSampler heap = new HeapSampler();
        List<Pod> measured = new ArrayList<>(pods);
        for (int i = 0; i < pods; i++) {
            measured.add(workload.measuredPod(i, schedulerName));
        }
        Vertx vertx = Vertx.vertx();
        try (ParallelWriter writer = new ParallelWriter(target.writeParallelism())) {
            say(begin, "creating %d nodes", nodes);
            target.createNodes(workload, nodes);
            List<Pod> initial = new ArrayList<>(initPods);
            for (int i = 0; i < initPods; i++) {
                initial.add(workload.initPod(i, nodes, schedulerName));
            }
            List<HasMetadata> setup = new ArrayList<>(namespaces());
            setup.addAll(workload.priorityClasses());
            if (workload.initPods() != null) {
                setup.addAll(workload.initPods().podGroups(initPods));
            }
            setup.addAll(workload.measurePods().podGroups(pods));
            setup.forEach(target::create);
            heap.sample();
            Measurement measurement = new Measurement(pods);
            try (VertxSchedulerHost host = new VertxSchedulerHost(vertx, config, registry, target.schedulerView(),
                    SchedulerMetrics.noop(), SchedulerOptions.defaults());
                 ChurnOp churn = workload.churn() == null ? null : new ChurnOp(workload.churn(), target, schedulerName)) {
                host.scheduler().setAttemptRecorder(recorder);
                host.start();
                createInitialPods(host, writer, target, initial, begin, deadline);
                host.scheduler().setAttemptListener(measurement);
                heap.sample();
                if (churn != null) {
                    churn.start();
                }
                say(begin, "scheduling %d measured pods", pods);
                long start = System.nanoTime();
                Duration compiledBefore = JitCompileTime.total();
                CompletableFuture<Void> creating = writer.writeAll(measured, pod -> {
                    measurement.created(pod);
                    target.create(pod);
                });
                List<Double> perSecond = new ArrayList<>();
                int last = 0;
                while (!measurement.done.await(1, TimeUnit.SECONDS)) {
                    heap.sample();
                    int now = measurement.scheduled.get();
                    perSecond.add((double) (now - last));
                    last = now;
                    if (creating.isCompletedExceptionally()) {
                        await(creating, deadline, "creating the measured pods");
                    }
                    if (progress != null && System.nanoTime() - start > QUIET_NANOS) {
                        progress.printf("\r  scheduled %d/%d pods, %d pods/s (%d failed attempts)  ", now, pods,
                                perSecond.get(perSecond.size() - 1).intValue(), measurement.failures.get());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new BenchTimeoutException("only " + now + " of " + pods + " measured pods were scheduled within "
                                + timeout.toSeconds() + "s (" + measurement.failures.get() + " failed attempts; --timeout "
                                + timeout.toSeconds() + ")");
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double compiling = JitCompileTime.total().minus(compiledBefore).toMillis() / 1e3;
                heap.sample();
                int rest = measurement.scheduled.get() - last;
                double tail = seconds - perSecond.size();
                if (rest > 0 && tail > 0) {
                    // The last, partial second counts at its rate, as scheduler_perf's collector does.
                    perSecond.add(rest / tail);
                }
                if (progress != null && seconds * 1e9 > QUIET_NANOS) {
                    progress.println();
                }
                double[] samples = perSecond.stream().mapToDouble(Double::doubleValue).toArray();
                return BenchReport.of(workload.name(), target.mode(), profile, nodes, pods, seconds, samples,
                        measurement.attemptNanos, measurement.e2eNanos, heap.peakBytes(), compiling);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /**
     * Creates the initial pods while the scheduler runs; when the workload has them {@link Workload.Placement#SCHEDULED},
     * waits until the scheduler has bound every one, as scheduler_perf's {@code createPods} op does.
     */
    private void createInitialPods(VertxSchedulerHost host, ParallelWriter writer, BenchTarget target, List<Pod> initial,
                                   long begin, long deadline) throws InterruptedException {
        boolean scheduled = workload.initPods() != null && workload.initPods().placement() == Workload.Placement.SCHEDULED;
        Measurement placing = new Measurement(scheduled ? initial.size() : 0);
        host.scheduler().setAttemptListener(placing);
        say(begin, scheduled ? "creating %d initial pods and waiting for the scheduler to bind them" : "creating %d initial pods",
                initial.size());
        await(writer.writeAll(initial, pod -> {
            if (scheduled) {
                placing.created(pod);
            }
            target.create(pod);
        }), deadline, "creating the initial pods");
        while (!placing.done.await(1, TimeUnit.SECONDS)) {
            if (System.nanoTime() > deadline) {
                throw new BenchTimeoutException("only " + placing.scheduled.get() + " of " + initial.size()
                        + " initial pods were scheduled within --timeout (" + placing.failures.get() + " failed attempts)");
            }
        }
    }

    private List<HasMetadata> namespaces() {
        Set<String> names = new TreeSet<>();
        if (workload.initPods() != null) {
            names.add(workload.initPods().namespace());
        }
        names.add(workload.measurePods().namespace());
        names.add("default");
        return names.stream().<HasMetadata>map(n -> new NamespaceBuilder().withNewMetadata().withName(n).endMetadata().build())
                .toList();
    }

    /** A setup step, with the seconds since the run began (setup at 5,000 nodes full stack takes a while). */
    private void say(long begin, String format, Object... args) {
        if (progress != null) {
            progress.printf("  [%5.1fs] %s%n", (System.nanoTime() - begin) / 1e9, String.format(format, args));
        }
    }

    private static void await(CompletableFuture<Void> writes, long deadline, String what) throws InterruptedException {
        try {
            writes.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BenchTimeoutException(what + " did not finish within --timeout");
        }
    }

    /** What the scheduler reports about the measured pods: when each was created, bound, and how long its attempt took. */
    private static final class Measurement implements AttemptListener {
        private final Map<String, Long> createdAt = new ConcurrentHashMap<>();
        private final AtomicInteger scheduled = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final CountDownLatch done;
        private final long[] attemptNanos;
        private final long[] e2eNanos;

        Measurement(int pods) {
            this.done = new CountDownLatch(pods);
            this.attemptNanos = new long[pods];
            this.e2eNanos = new long[pods];
        }

        void created(Pod pod) {
            createdAt.put(key(pod), System.nanoTime());
        }

        @Override
        public void attemptFinished(Pod pod, Outcome outcome, String nodeName, String message, long nanos) {
            Long created = createdAt.get(key(pod));
            if (created == null) {
                return;
            }
            if (outcome != Outcome.SCHEDULED) {
                failures.incrementAndGet();
                return;
            }
            int n = scheduled.getAndIncrement();
            if (n < attemptNanos.length) {
                attemptNanos[n] = nanos;
                e2eNanos[n] = System.nanoTime() - created;
            }
            done.countDown();
        }

        private static String key(Pod pod) {
            return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        }
    }
}
