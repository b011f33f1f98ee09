package dev.berth.framework.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.framework.api.Status;
import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.framework.config.ConfigException;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import io.fabric8.kubernetes.api.model.Pod;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reloading a running scheduler's configuration, on Vert.x against an in-memory cluster. */
class ReloadableSchedulerHostTest {

    /** NodeFilter turns away every node TestPlugins.REJECT names: with only "n1", nothing fits. */
    private static final String FILTERING = profile("PrioritySort", "NodeFilter", "Binder");
    private static final String PERMISSIVE = profile("PrioritySort", "Binder");
    /** Parses, but cannot be built: a profile needs a Bind plugin. */
    private static final String NO_BINDER = profile("PrioritySort");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Vertx vertx = Vertx.vertx();
    private final InMemoryCluster cluster = new InMemoryCluster();
    private final PluginRegistry registry = TestPlugins.registry();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SchedulerMetrics metrics = new SchedulerMetrics(meters);
    private ReloadableSchedulerHost host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
        TestPlugins.reset();
    }

    /** A configuration whose one profile enables {@code plugins} at every point. */
    private static String profile(String... plugins) {
        return "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n"
                + "profiles: [{schedulerName: default-scheduler, plugins: {multiPoint: {enabled: ["
                + Arrays.stream(plugins).map(p -> "{name: " + p + "}").collect(Collectors.joining(", ")) + "]}}}]\n";
    }

    private SchedulerConfiguration config(String yaml) {
        return new SchedulerConfigLoader(registry.names(), List.of()).parse(yaml);
    }

    /** A host of {@code yaml} on one node, n1, that NodeFilter rejects; not started. */
    private ReloadableSchedulerHost build(String yaml) {
        TestPlugins.reset();
        TestPlugins.REJECT.put("n1", Status.unschedulable("rejected by test"));
        cluster.create(SchedulerHarness.node("n1"));
        host = new ReloadableSchedulerHost(config(yaml),
                c -> new VertxSchedulerHost(vertx, c, registry, cluster, metrics, SchedulerOptions.defaults()));
        return host;
    }

    private void start(String yaml) {
        build(yaml).start();
    }

    private Map<String, String> placements() {
        return cluster.list(Pod.class).stream().filter(p -> p.getSpec().getNodeName() != null)
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getSpec().getNodeName()));
    }

    private double pendingGauge(String queue) {
        return meters.get("scheduler_pending_pods").tag("queue", queue).gauge().value();
    }

    @Test
    void aReloadSchedulesThePodsTheOldProfilesLeftQueued() {
        start(FILTERING);
        for (String name : List.of("a", "b", "c")) {
            cluster.create(SchedulerHarness.pod(name, 0));
        }
        await().atMost(WAIT).until(() -> pendingGauge("unschedulable") == 3);
        assertThat(placements()).isEmpty();

        host.reload(config(PERMISSIVE));

        await().atMost(WAIT).until(() -> placements().size() == 3);
        assertThat(placements()).containsOnly(Map.entry("a", "n1"), Map.entry("b", "n1"), Map.entry("c", "n1"));
        assertThat(pendingGauge("unschedulable")).as("the gauges follow the new queue").isZero();
    }

    @Test
    void aConfigurationThatCannotBeBuiltLeavesTheOldProfilesRunning() {
        start(PERMISSIVE);
        VertxSchedulerHost running = host.current();

        assertThatThrownBy(() -> host.reload(config(NO_BINDER)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least one bind plugin is needed");

        assertThat(host.current()).isSameAs(running);
        cluster.create(SchedulerHarness.pod("after", 0));
        await().atMost(WAIT).until(() -> "n1".equals(placements().get("after")));
    }

    @Test
    void aHostReloadedBeforeItStartsStartsWithTheNewProfiles() {
        build(FILTERING).reload(config(PERMISSIVE));
        cluster.create(SchedulerHarness.pod("late", 0));
        assertThat(placements()).as("not started: nothing scheduled").isEmpty();

        host.start();

        await().atMost(WAIT).until(() -> "n1".equals(placements().get("late")));
    }
}
