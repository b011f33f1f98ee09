package dev.berth.framework.simulate;

import java.util.List;

/** The outcome of a scenario: one result per pod that was to be scheduled, in the scenario's order. */
public record SimulationResult(List<PodResult> results) {

    public SimulationResult {
        results = List.copyOf(results);
    }
}
