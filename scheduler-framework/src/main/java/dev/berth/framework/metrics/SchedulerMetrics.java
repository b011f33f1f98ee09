package dev.berth.framework.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The scheduler's metrics under upstream kube-scheduler's names and labels, so existing dashboards
 * work: with the Prometheus naming convention {@code scheduler_schedule_attempts} is exported as
 * {@code scheduler_schedule_attempts_total} and timers as {@code ..._seconds}. Buckets follow upstream's.
 * Meters are cached per label set so the hot path does not rebuild them.
 */
public final class SchedulerMetrics {

    /** Result label values of {@code scheduler_schedule_attempts_total}. */
    public enum Result {
        SCHEDULED("scheduled"), UNSCHEDULABLE("unschedulable"), ERROR("error");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private record Key(String a, String b, String c) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Counter> attempts = new ConcurrentHashMap<>();
    private final Map<Key, Timer> attemptDurations = new ConcurrentHashMap<>();
    private final Map<Key, Timer> extensionPointDurations = new ConcurrentHashMap<>();
    private final Map<Key, Timer> pluginDurations = new ConcurrentHashMap<>();
    private final Map<Key, Counter> incomingPods = new ConcurrentHashMap<>();
    private final Counter preemptionAttempts;
    private final DistributionSummary preemptionVictims;
    private final DistributionSummary podSchedulingAttempts;
    private final Map<Key, Timer> podSchedulingSli = new ConcurrentHashMap<>();
    private final AtomicReference<Supplier<dev.berth.framework.queue.PendingCounts>> pendingCounts = new AtomicReference<>();

    public SchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.preemptionAttempts = Counter.builder("scheduler_preemption_attempts")
                .description("Total preemption attempts in the cluster till now").register(registry);
        this.preemptionVictims = DistributionSummary.builder("scheduler_preemption_victims")
                .description("Number of selected preemption victims")
                .serviceLevelObjectives(exponential(1, 2, 7)).register(registry);
        this.podSchedulingAttempts = DistributionSummary.builder("scheduler_pod_scheduling_attempts")
                .description("Number of attempts to successfully schedule a pod.")
                .serviceLevelObjectives(exponential(1, 2, 5)).register(registry);
    }

    /** Metrics into a throwaway registry (tests, simulation). */
    public static SchedulerMetrics noop() {
        return new SchedulerMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Exports {@code scheduler_pending_pods{queue}} from the queue's live counts. */
    public void bindPendingPods(Supplier<dev.berth.framework.queue.PendingCounts> counts) {
        // A configuration reload builds a new queue: the gauges, registered once, read the latest one.
        if (pendingCounts.getAndSet(counts) == null) {
            gauge("active", () -> pendingCounts.get().get().active());
            gauge("backoff", () -> pendingCounts.get().get().backoff());
            gauge("unschedulable", () -> pendingCounts.get().get().unschedulable());
            gauge("gated", () -> pendingCounts.get().get().gated());
        }
    }

    private void gauge(String queue, Supplier<Number> value) {
        Gauge.builder("scheduler_pending_pods", value).tag("queue", queue)
                .description("Number of pending pods, by the queue type.").register(registry);
    }

    /** One scheduling attempt of {@code profile} ended with {@code result} after {@code nanos}. */
    public void scheduleAttempt(Result result, String profile, long nanos) {
        Key key = new Key(result.label(), profile, "");
        attempts.computeIfAbsent(key, k -> Counter.builder("scheduler_schedule_attempts")
                .description("Number of attempts to schedule pods, by the result.")
                .tag("result", k.a()).tag("profile", k.b()).register(registry)).increment();
        attemptDurations.computeIfAbsent(key, k -> timer("scheduler_scheduling_attempt_duration",
                "Scheduling attempt latency in seconds (scheduling algorithm + binding)", exponentialSeconds(0.001, 2, 15))
                .tag("result", k.a()).tag("profile", k.b()).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** An extension point ran for {@code nanos} and ended with {@code status} (its upstream code name). */
    public void extensionPoint(String extensionPoint, String status, String profile, long nanos) {
        extensionPointDurations.computeIfAbsent(new Key(extensionPoint, status, profile),
                k -> timer("scheduler_framework_extension_point_duration",
                        "Latency for running all plugins of a specific extension point.", exponentialSeconds(0.0001, 2, 12))
                        .tag("extension_point", k.a()).tag("status", k.b()).tag("profile", k.c()).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One plugin ran at one extension point (sampled: see {@code CycleState.recordPluginMetrics()}). */
    public void pluginExecution(String plugin, String extensionPoint, String status, long nanos) {
        pluginDurations.computeIfAbsent(new Key(plugin, extensionPoint, status),
                k -> timer("scheduler_plugin_execution_duration",
                        "Duration for running a plugin at a specific extension point.", exponentialSeconds(0.00001, 1.5, 20))
                        .tag("plugin", k.a()).tag("extension_point", k.b()).tag("status", k.c()).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A pod entered a queue ({@code active}, {@code backoff}, {@code unschedulable}) because of {@code event}. */
    public void incomingPod(String queue, String event) {
        incomingPods.computeIfAbsent(new Key(queue, event, ""), k -> Counter.builder("scheduler_queue_incoming_pods")
                .description("Number of pods added to scheduling queues by event and queue type.")
                .tag("queue", k.a()).tag("event", k.b()).register(registry)).increment();
    }

    /** A preemption attempt that chose {@code victims} victims. */
    public void preemption(int victims) {
        preemptionAttempts.increment();
        preemptionVictims.record(victims);
    }

    /** A pod was scheduled after {@code attempts} attempts, {@code sinceFirstAttempt} after its first one. */
    public void podScheduled(int attempts, Duration sinceFirstAttempt) {
        podSchedulingAttempts.record(attempts);
        String attemptsLabel = attempts >= 5 ? "5+" : Integer.toString(attempts);
        podSchedulingSli.computeIfAbsent(new Key(attemptsLabel, "", ""), k -> timer("scheduler_pod_scheduling_sli_duration",
                "E2e latency for a pod being scheduled, from the time the pod enters the scheduling queue.",
                exponentialSeconds(0.01, 2, 20)).tag("attempts", k.a()).register(registry)).record(sinceFirstAttempt);
    }

    private static Timer.Builder timer(String name, String description, Duration[] buckets) {
        return Timer.builder(name).description(description).serviceLevelObjectives(buckets);
    }

    private static Duration[] exponentialSeconds(double start, double factor, int count) {
        double[] seconds = exponential(start, factor, count);
        Duration[] buckets = new Duration[count];
        for (int i = 0; i < count; i++) {
            buckets[i] = Duration.ofNanos((long) (seconds[i] * 1e9));
        }
        return buckets;
    }

    private static double[] exponential(double start, double factor, int count) {
        double[] buckets = new double[count];
        double v = start;
        for (int i = 0; i < count; i++) {
            buckets[i] = v;
            v *= factor;
        }
        return buckets;
    }
}
