package dev.berth.testkit;

import dev.berth.framework.simulate.PodResult;
import dev.berth.framework.simulate.SimulationResult;
import org.assertj.core.api.AbstractAssert;

/** AssertJ entry point for a run's result: {@code SimulationAssert.assertThat(result).pod("default/web")...}. */
public final class SimulationAssert extends AbstractAssert<SimulationAssert, SimulationResult> {

    private SimulationAssert(SimulationResult actual) {
        super(actual, SimulationAssert.class);
    }

    public static SimulationAssert assertThat(SimulationResult actual) {
        return new SimulationAssert(actual);
    }

    /** The result of the pod {@code namespace/name} (a name without a slash means namespace {@code default}). */
    public PodResultAssert pod(String pod) {
        isNotNull();
        String key = pod.contains("/") ? pod : "default/" + pod;
        PodResult result = actual.results().stream().filter(r -> r.pod().equals(key)).findFirst().orElse(null);
        if (result == null) {
            failWithMessage("no result for pod %s; the scenario scheduled %s", key,
                    actual.results().stream().map(PodResult::pod).toList());
        }
        return new PodResultAssert(result);
    }
}
