package dev.berth.plugins.capacityscheduling;

import static dev.berth.plugins.capacityscheduling.Fixtures.quota;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.runtime.ExecutorParallelizer;
import dev.berth.framework.runtime.HostSelection;
import dev.berth.framework.runtime.PluginTimeouts;
import dev.berth.framework.runtime.Scheduler;
import dev.berth.framework.runtime.SchedulerOptions;
import dev.berth.plugins.DefaultPlugins;
import dev.berth.plugins.testing.MakeNode;
import dev.berth.plugins.testing.MakePod;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ElasticQuotas through the real scheduler: the default plugins plus CapacityScheduling as upstream's docs
 * enable it (DefaultPreemption off). Binding runs on the scheduling thread; the clock is the test's, so a
 * rejected pod's backoff ends when the test moves time on, and only cluster events bring it back.
 */
@Timeout(30)
class ElasticQuotaSchedulingTest {

    private static final String PROFILE = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
            - schedulerName: default-scheduler
              plugins:
                multiPoint:
                  enabled:
                  - name: CapacityScheduling
                postFilter:
                  disabled:
                  - name: DefaultPreemption
            """;
    private static final int MAX_CYCLES = 50;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InMemoryCluster cluster = new InMemoryCluster();
    private final PluginTimeouts timeouts = new PluginTimeouts(Duration.ofSeconds(1));
    private final Scheduler scheduler;

    ElasticQuotaSchedulingTest() {
        PluginRegistry registry = DefaultPlugins.registry(getClass().getClassLoader());
        SchedulerConfiguration config = new SchedulerConfigLoader(registry.names(), DefaultPlugins.multiPoint()).parse(PROFILE);
        InstantSource clock = now::get;
        scheduler = new Scheduler(config, registry, cluster, clock, SchedulerMetrics.noop(),
                SchedulerOptions.defaults().withHostSelection(HostSelection.FIRST_BY_NAME, 1),
                new ExecutorParallelizer(Runnable::run, 1), Runnable::run, (delay, action) -> () -> { }, timeouts);
        scheduler.start();
        cluster.create(MakeNode.node("node-1").capacity(Map.of("cpu", "4", "pods", "110")).build());
    }

    @AfterEach
    void close() {
        scheduler.close();
        timeouts.close();
    }

    /** A namespace at its max keeps its next pod pending; deleting one of its pods lets the next one in. */
    @Test
    void aNamespaceAtItsMaxWaitsUntilOneOfItsPodsIsDeleted() {
        cluster.create(quota("team-a", Map.of("cpu", "1"), Map.of("cpu", "1")));
        createPod("team-a", "a-1", "1");
        runUntilIdle();
        assertThat(nodeOf("team-a", "a-1")).contains("node-1");

        createPod("team-a", "a-2", "1");
        runUntilIdle();
        assertThat(nodeOf("team-a", "a-2")).as("a-2 while team-a is at its max").isEmpty();

        // Room freed by a pod of a namespace without a quota does not help a-2.
        createPod("other", "o-1", "1");
        runUntilIdle();
        cluster.delete(Pod.class, "other", "o-1");
        retryAfterBackoff();
        assertThat(nodeOf("team-a", "a-2")).as("a-2 after a pod without a quota went").isEmpty();

        cluster.delete(Pod.class, "team-a", "a-1");
        retryAfterBackoff();
        assertThat(nodeOf("team-a", "a-2")).contains("node-1");
    }

    /** A raised max is an ElasticQuota event: the pending pod is retried and fits. */
    @Test
    void aRaisedMaxLetsThePendingPodIn() {
        cluster.create(quota("team-a", Map.of("cpu", "1"), Map.of("cpu", "1")));
        createPod("team-a", "a-1", "1");
        createPod("team-a", "a-2", "1");
        runUntilIdle();
        assertThat(nodeOf("team-a", "a-2")).isEmpty();

        // The cluster's min must grow too, or a-2 would borrow beyond the sum of mins.
        cluster.update(quota("team-a", Map.of("cpu", "2"), Map.of("cpu", "2")));
        retryAfterBackoff();
        assertThat(nodeOf("team-a", "a-2")).contains("node-1");
    }

    /**
     * team-b borrows team-a's guaranteed CPU while team-a is idle; when team-a needs it, its pod preempts one
     * borrowing pod of team-b (same priority: the quota rules, not priority, pick the victim) and lands on the
     * node it was nominated to.
     */
    @Test
    void aPodOfAQuotaUnderItsMinPreemptsABorrowingPodOfAnotherQuota() {
        cluster.create(quota("team-a", Map.of("cpu", "4"), Map.of("cpu", "2")));
        cluster.create(quota("team-b", Map.of("cpu", "4"), Map.of("cpu", "2")));
        for (int i = 1; i <= 4; i++) {
            createPod("team-b", "b-" + i, "1");
        }
        runUntilIdle();
        for (int i = 1; i <= 4; i++) {
            assertThat(nodeOf("team-b", "b-" + i)).as("b-%d borrowing", i).contains("node-1");
        }

        createPod("team-a", "a-1", "1");
        assertThat(scheduler.scheduleOne()).isTrue();
        assertThat(cluster.get(Pod.class, "team-a", "a-1").orElseThrow().getStatus().getNominatedNodeName()).isEqualTo("node-1");
        assertThat(teamBPods()).as("team-b pods left after the preemption").isEqualTo(3);

        retryAfterBackoff();
        assertThat(nodeOf("team-a", "a-1")).contains("node-1");
        assertThat(teamBPods()).isEqualTo(3);
        assertThat(scheduler.frameworks().get("default-scheduler").plugins().get(CapacityScheduling.NAME))
                .isInstanceOfSatisfying(CapacityScheduling.class,
                        plugin -> assertThat(plugin.quota("team-b").orElseThrow().used().milliCpu()).isEqualTo(3000));
    }

    /** Closing the scheduler closes the plugin, whose watches then see nothing more. */
    @Test
    void closingTheSchedulerStopsThePluginsWatches() {
        CapacityScheduling plugin = (CapacityScheduling) scheduler.frameworks().get("default-scheduler").plugins().get(CapacityScheduling.NAME);
        scheduler.close();
        cluster.create(quota("team-a", Map.of("cpu", "1"), Map.of("cpu", "1")));
        assertThat(plugin.quota("team-a")).isEmpty();
    }

    private void createPod(String namespace, String name, String cpu) {
        cluster.create(MakePod.pod(name).namespace(namespace).uid(namespace + "-" + name).container(Map.of("cpu", cpu)).build());
    }

    private long teamBPods() {
        return cluster.list(Pod.class).stream().filter(p -> "team-b".equals(p.getMetadata().getNamespace())).count();
    }

    /** Lets every backoff expire and runs what cluster events moved back to the queue. */
    private void retryAfterBackoff() {
        now.updateAndGet(t -> t.plusSeconds(20));
        scheduler.flushBackoffQCompleted();
        runUntilIdle();
    }

    private void runUntilIdle() {
        for (int cycles = 0; scheduler.scheduleOne(); cycles++) {
            assertThat(cycles).as("scheduling cycles").isLessThan(MAX_CYCLES);
        }
    }

    private Optional<String> nodeOf(String namespace, String name) {
        return cluster.get(Pod.class, namespace, name).map(p -> p.getSpec().getNodeName());
    }
}
