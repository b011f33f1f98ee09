package dev.berth.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.plugins.DefaultPlugins;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A small run of the whole stack: scheduler ↔ fabric8 ↔ shim ↔ store over HTTP, checked through the API. */
class FullStackBenchmarkTest {

    private static final int NODES = 20;
    private static final int INIT_PODS = 10;
    private static final int PODS = 50;

    @Test
    @Timeout(300)
    void everyMeasuredPodIsBoundAndTheFiguresAgree() throws Exception {
        Workload workload = Workloads.byName("SchedulingBasic");
        PluginRegistry registry = DefaultPlugins.registry(getClass().getClassLoader());
        SchedulerConfiguration config = BenchCommand.configuration(workload, "default", registry);
        try (FullStackTarget target = FullStackTarget.start()) {
            BenchReport report = new Benchmark(workload, "default", config, registry, BenchCommand.SCHEDULER_NAME, null)
                    .run(target, NODES, INIT_PODS, PODS, Duration.ofSeconds(240));

            List<Pod> measured = target.client().pods().inNamespace("default").list().getItems().stream()
                    .filter(p -> p.getMetadata().getName().startsWith("pod-")).toList();
            assertThat(measured).hasSize(PODS);
            assertThat(measured).allSatisfy(p -> assertThat(p.getSpec().getNodeName()).as(p.getMetadata().getName())
                    .matches("node-000[01][0-9]"));
            assertThat(target.client().nodes().list().getItems()).hasSize(NODES);

            assertThat(report.mode()).isEqualTo("full-stack");
            assertThat(report.pods()).isEqualTo(PODS);
            assertThat(report.nodes()).isEqualTo(NODES);
            assertThat(report.throughputAverage() * report.seconds()).isCloseTo(PODS, within(0.01));
            assertThat(report.throughputP50()).isLessThanOrEqualTo(report.throughputP90());
            assertThat(report.throughputP90()).isLessThanOrEqualTo(report.throughputP99());
            assertThat(report.latencyP50Ms()).isPositive().isLessThanOrEqualTo(report.latencyP90Ms());
            assertThat(report.latencyP90Ms()).isLessThanOrEqualTo(report.latencyP99Ms());
            // Each pod's create → bound spans its attempt, so every e2e percentile is at least the attempt's,
            // and none outlasts the run.
            assertThat(report.e2eP50Ms()).isGreaterThanOrEqualTo(report.latencyP50Ms());
            assertThat(report.e2eP99Ms()).isGreaterThanOrEqualTo(report.latencyP99Ms())
                    .isLessThanOrEqualTo(report.seconds() * 1000);
            assertThat(report.peakMemoryBytes()).isPositive();
        }
    }
}
