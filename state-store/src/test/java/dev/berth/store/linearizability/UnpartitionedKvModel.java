package dev.berth.store.linearizability;

import java.util.Map;
import java.util.Optional;

/**
 * {@link KvModel}'s semantics without its partitioning or descriptions, so tests can check that splitting by key
 * changes no verdict, and that the {@link Model} defaults work.
 */
final class UnpartitionedKvModel implements Model<Map<String, String>, KvInput, Object> {

    private final KvModel kv = new KvModel();

    @Override
    public Map<String, String> init() {
        return kv.init();
    }

    @Override
    public Optional<Map<String, String>> step(Map<String, String> state, KvInput input, Object output) {
        return kv.step(state, input, output);
    }

    @Override
    public Optional<Map<String, String>> stepUnknownOutput(Map<String, String> state, KvInput input) {
        return kv.stepUnknownOutput(state, input);
    }
}
