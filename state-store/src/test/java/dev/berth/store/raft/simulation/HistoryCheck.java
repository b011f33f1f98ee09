package dev.berth.store.raft.simulation;

import dev.berth.store.linearizability.KvInput;
import dev.berth.store.linearizability.KvModel;
import dev.berth.store.linearizability.LinearizabilityChecker;
import dev.berth.store.linearizability.LinearizabilityResult;
import dev.berth.store.linearizability.Operation;
import dev.berth.store.linearizability.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a simulation's client history for linearizability over a key-value model. A write that never
 * got an answer may or may not have happened (unknown outcome); a read that never got an answer says
 * nothing and is left out, as is a request refused before it was appended.
 */
final class HistoryCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private HistoryCheck() {}

    static void assertLinearizable(Simulation simulation, List<Simulation.ClientCall> history) {
        List<Operation<KvInput, Object>> operations = new ArrayList<>();
        for (Simulation.ClientCall call : history) {
            if (call.refused()) {
                continue;
            }
            if (call.write()) {
                KvInput put = new KvInput.Put(call.key(), call.value());
                operations.add(call.returnTime() < 0
                        ? Operation.unknownOutcome(call.client(), put, call.callTime())
                        : new Operation<>(call.client(), put, null, call.callTime(), call.returnTime()));
            } else if (call.returnTime() >= 0) {
                operations.add(new Operation<>(call.client(), new KvInput.Get(call.key()), call.output(),
                        call.callTime(), call.returnTime()));
            }
        }
        LinearizabilityResult<Map<String, String>, KvInput, Object> result =
                LinearizabilityChecker.check(new KvModel(), operations, TIMEOUT);
        if (result.verdict() != Verdict.LINEARIZABLE) {
            throw new AssertionError("seed " + simulation.seed() + ": client history is " + result.verdict() + " ("
                    + operations.size() + " operations)\n" + result.explanation() + "\nreplay: "
                    + RaftEventSimulationTest.replayCommand(simulation.seed(), simulation.scenario()));
        }
    }
}
