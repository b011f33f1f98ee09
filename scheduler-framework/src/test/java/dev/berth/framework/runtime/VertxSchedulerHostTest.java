package dev.berth.framework.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.framework.api.Status;
import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import io.fabric8.kubernetes.api.model.Pod;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host's binding cycles: how many run at once. */
class VertxSchedulerHostTest {
    private static final String BINDER_ONLY = "apiVersion: kubescheduler.config.k8s.io/v1\n"
            + "kind: KubeSchedulerConfiguration\n"
            + "profiles: [{schedulerName: default-scheduler, plugins: {multiPoint: {enabled: [{name: PrioritySort}, "
            + "{name: Binder}]}}}]\n";

    private final Vertx vertx = Vertx.vertx();
    private final InMemoryCluster cluster = new InMemoryCluster();
    private final PluginRegistry registry = TestPlugins.registry();

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        TestPlugins.reset();
    }

    /** A binding waits for its API write; the defaults keep that many writes in flight, not one binder's worth. */
    @Test
    void theDefaultsRunAsManyBindingCyclesAtOnceAsTheyAllow() {
        int binders = SchedulerOptions.DEFAULT_BINDING_CONCURRENCY;
        CountDownLatch allBinding = new CountDownLatch(binders);
        AtomicInteger sawAllBinding = new AtomicInteger();
        TestPlugins.bindOutcome = pod -> {
            allBinding.countDown();
            try {
                if (allBinding.await(10, TimeUnit.SECONDS)) {
                    sawAllBinding.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Status.SUCCESS;
        };
        cluster.create(SchedulerHarness.node("n1"));
        try (VertxSchedulerHost host = new VertxSchedulerHost(vertx,
                new SchedulerConfigLoader(registry.names(), List.of()).parse(BINDER_ONLY), registry, cluster,
                SchedulerMetrics.noop(), SchedulerOptions.defaults())) {
            host.start();
            for (int i = 0; i < binders; i++) {
                cluster.create(SchedulerHarness.pod("p" + i, 0));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.list(Pod.class).stream()
                    .allMatch(p -> p.getSpec().getNodeName() != null));
        }
        assertThat(sawAllBinding.get()).as("binding cycles that waited side by side with all the others")
                .isEqualTo(binders);
    }
}
