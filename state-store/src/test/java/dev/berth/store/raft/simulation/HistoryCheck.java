package dev.berth.store.raft.simulation;

import java.util.List;

/** Checks a simulation's client history for linearizability over a key-value model. */
final class HistoryCheck {
    private HistoryCheck() {}

    static void assertLinearizable(Simulation simulation, List<Simulation.ClientCall> history) {
        // Wired to the linearizability checker once it lands; until then the run's safety invariants stand alone.
    }
}
