package dev.berth.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.plugins.DefaultPlugins;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every shipped workload runs to the end in process on a small cluster: its pods can all be scheduled. */
class InProcessWorkloadsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // name,                    nodes, initial pods (the workload's ratio), measured pods
            "SchedulingBasic,            30,  30, 60",
            "SchedulingPodAntiAffinity,  30,   6, 24",
            "SchedulingPodAffinity,      30,  30, 60",
            "SchedulingNodeAffinity,     30,  30, 60",
            "TopologySpreading,          30,  60, 60",
            "PreferredTopologySpreading, 30,  60, 60",
            "PreemptionBasic,            30, 120, 10",
            "Unschedulable,              30,  12, 60",
            "SchedulingWithMixedChurn,   30,   0, 60",
            "Coscheduling,               30,  30, 64",
    })
    @Timeout(120)
    void schedulesEveryMeasuredPod(String name, int nodes, int initPods, int pods) throws Exception {
        Workload workload = Workloads.byName(name);
        PluginRegistry registry = DefaultPlugins.registry(getClass().getClassLoader());
        SchedulerConfiguration config = BenchCommand.configuration(workload, "default", registry);
        try (InMemoryTarget target = new InMemoryTarget()) {
            BenchReport report = new Benchmark(workload, "default", config, registry, BenchCommand.SCHEDULER_NAME, null)
                    .run(target, nodes, initPods, pods, Duration.ofSeconds(100));
            assertThat(report.pods()).isEqualTo(pods);
            assertThat(report.workload()).isEqualTo(name);
            assertThat(report.e2eP99Ms()).isGreaterThanOrEqualTo(report.latencyP99Ms());
        }
    }
}
