package dev.berth.framework.runtime;

import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scheduler over an in-memory cluster, stepped by the test: {@link #runUntilIdle()} runs
 * scheduling cycles until the queue is empty; binding cycles run synchronously on the caller; time
 * and Permit timers move only through {@link #time}. Filter and Score fan out on a real 4-thread pool.
 */
final class SchedulerHarness implements AutoCloseable {

    static final String DEFAULT_PROFILE = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
            - schedulerName: default-scheduler
              plugins:
                multiPoint:
                  enabled:
                  - name: PrioritySort
                  - name: NodeFilter
                  - name: NodeScore
                  - name: Recorder
                  - name: Gate
                  - name: Binder
            """;

    final InMemoryCluster cluster = new InMemoryCluster();
    final ManualTime time = new ManualTime();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final PluginTimeouts timeouts = new PluginTimeouts(Duration.ofMillis(20));
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    final Scheduler scheduler;

    SchedulerHarness() {
        this(DEFAULT_PROFILE, SchedulerOptions.defaults().withHostSelection(HostSelection.FIRST_BY_NAME, 1));
    }

    SchedulerHarness(String yaml, SchedulerOptions options) {
        this(yaml, options, 4);
    }

    /** With {@code parallelism} 1 the Filter fan-out runs on the caller alone, in node order: fully deterministic. */
    SchedulerHarness(String yaml, SchedulerOptions options, int parallelism) {
        TestPlugins.reset();
        PluginRegistry registry = TestPlugins.registry();
        SchedulerConfiguration config = new SchedulerConfigLoader(registry.names(), List.of()).parse(yaml);
        scheduler = new Scheduler(config, registry, cluster, time, new SchedulerMetrics(meters), options,
                new ExecutorParallelizer(pool, parallelism, parallelism), Runnable::run, time, timeouts);
        scheduler.start();
    }

    static Node node(String name) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
                .withAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi"), "pods", new Quantity("110")))
                .endStatus().build();
    }

    static Pod pod(String name, int priority) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .withNewSpec().withPriority(priority).addNewContainer().withName("c").withImage("pause").endContainer().endSpec()
                .build();
    }

    Node addNode(String name) {
        return cluster.create(node(name));
    }

    Pod addPod(String name) {
        return cluster.create(pod(name, 0));
    }

    /** Runs scheduling cycles until no pod is ready. */
    void runUntilIdle() {
        int guard = 0;
        while (scheduler.scheduleOne()) {
            if (++guard > 10_000) {
                throw new AssertionError("scheduler did not become idle");
            }
        }
    }

    Pod current(String name) {
        return cluster.get(Pod.class, "default", name).orElseThrow();
    }

    String nodeOf(String podName) {
        return current(podName).getSpec().getNodeName();
    }

    Optional<PodCondition> podScheduled(String podName) {
        Pod p = current(podName);
        if (p.getStatus() == null || p.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return p.getStatus().getConditions().stream().filter(c -> c.getType().equals("PodScheduled")).findFirst();
    }

    /** Moves time past the backoff and flushes completed backoffs into the active queue. */
    void passBackoff() {
        time.advance(Duration.ofSeconds(11));
        scheduler.flushBackoffQCompleted();
    }

    @Override
    public void close() {
        scheduler.close();
        timeouts.close();
        pool.shutdownNow();
    }
}
