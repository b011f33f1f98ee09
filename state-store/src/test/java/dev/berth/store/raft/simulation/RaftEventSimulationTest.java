package dev.berth.store.raft.simulation;

import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded simulations of 3- and 5-member clusters under faults (see {@link Simulation}). The default
 * build runs {@code raft.sim.seeds} seeds per scenario (250 each, 500 in all); the {@code raft-soak}
 * Maven profile runs 50,000 each. One seed replays with {@code -Draft.sim.seed=N}.
 */
class RaftEventSimulationTest {
    private static final long FIRST_SEED = Long.getLong("raft.sim.firstSeed", 1);
    private static final long SEEDS = Long.getLong("raft.sim.seeds", 250);
    private static final Long ONLY_SEED = Long.getLong("raft.sim.seed");

    static String replayCommand(long seed, Simulation.Scenario scenario) {
        String method = scenario.spareNodes() > 0 ? "fiveNodesWithMembershipChanges" : "threeNodes";
        return "./mvnw -pl state-store test -Dtest='RaftEventSimulationTest#" + method + "' -Draft.sim.seed=" + seed;
    }

    @TestFactory
    Stream<DynamicTest> threeNodes() {
        return seeds().mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> runAndCheck(new Simulation(seed, Simulation.Scenario.threeNodes()))));
    }

    @TestFactory
    Stream<DynamicTest> fiveNodesWithMembershipChanges() {
        return seeds().mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> runAndCheck(new Simulation(seed, Simulation.Scenario.fiveNodesWithMembershipChanges()))));
    }

    private static LongStream seeds() {
        if (ONLY_SEED != null) {
            return LongStream.of(ONLY_SEED);
        }
        return LongStream.range(FIRST_SEED, FIRST_SEED + SEEDS);
    }

    private static void runAndCheck(Simulation simulation) {
        List<Simulation.ClientCall> history = simulation.run();
        HistoryCheck.assertLinearizable(simulation, history);
    }
}
