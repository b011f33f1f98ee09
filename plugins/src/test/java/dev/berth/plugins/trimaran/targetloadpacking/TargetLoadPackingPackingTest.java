package dev.berth.plugins.trimaran.targetloadpacking;

import static dev.berth.testkit.SimulationAssert.assertThat;

import dev.berth.framework.simulate.SimulationResult;
import dev.berth.testkit.PluginRun;
import dev.berth.testkit.TestNode;
import dev.berth.testkit.TestPod;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TargetLoadPacking through the scheduling runtime (the test kit's run of {@code berth simulate}'s engine: PreScore,
 * Score, Reserve and Bind for each pod in turn). Two 10-core nodes report 10 % and 0 %; each pod requests 500m,
 * predicted at 750m (7.5 % of a node). The busier node takes pods while it stays at or under the 40 % target —
 * its own placements raise its prediction, as the measurement has not caught up with them — and once the next pod
 * would take it over the target the idle node wins.
 */
class TargetLoadPackingPackingTest {

    @Test
    void podsPackOntoTheBusierNodeUntilItReachesTheTarget() {
        String measuredAt = Instant.now().toString();
        List<HasMetadata> objects = new ArrayList<>(List.of(
                TestNode.named("busy").cpu("10").annotation(AnnotationMetricsSource.CPU_UTILIZATION, "10")
                        .annotation(AnnotationMetricsSource.CPU_UTILIZATION_TIMESTAMP, measuredAt).build(),
                TestNode.named("idle").cpu("10").annotation(AnnotationMetricsSource.CPU_UTILIZATION, "0")
                        .annotation(AnnotationMetricsSource.CPU_UTILIZATION_TIMESTAMP, measuredAt).build(),
                TestNode.named("unmeasured").cpu("10").build()));
        for (int i = 1; i <= 6; i++) {
            objects.add(TestPod.named("p" + i).cpu("500m").build());
        }

        SimulationResult result = PluginRun.plugin(new TargetLoadPacking.Factory()).run(objects);

        // busy: 10 % + 7.5 % per pod placed there and for this one: 17.5, 25, 32.5, 40 → 66, 78, 89, 100
        assertThat(result).pod("p1").isScheduledOn("busy").hasScore(TargetLoadPacking.NAME, "busy", 66)
                .hasScore(TargetLoadPacking.NAME, "idle", 51).hasScore(TargetLoadPacking.NAME, "unmeasured", 0);
        assertThat(result).pod("p2").isScheduledOn("busy").hasScore(TargetLoadPacking.NAME, "busy", 78);
        assertThat(result).pod("p3").isScheduledOn("busy").hasScore(TargetLoadPacking.NAME, "busy", 89);
        assertThat(result).pod("p4").isScheduledOn("busy").hasScore(TargetLoadPacking.NAME, "busy", 100);
        // 47.5 % is over the target: 40 * 52.5 / 60 = 35 against idle's 7.5 % → 51
        assertThat(result).pod("p5").isScheduledOn("idle").hasScore(TargetLoadPacking.NAME, "busy", 35)
                .hasScore(TargetLoadPacking.NAME, "idle", 51);
        // idle now packs: 15 % → 62.5 → 63
        assertThat(result).pod("p6").isScheduledOn("idle").hasScore(TargetLoadPacking.NAME, "idle", 63);
    }
}
