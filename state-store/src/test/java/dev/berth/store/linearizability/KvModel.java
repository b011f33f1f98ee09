package dev.berth.store.linearizability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A key-value map of independent registers: the sequential specification of the store's single-key reads, writes and
 * compare-and-swaps. See {@link KvInput} for the output each operation is recorded with.
 *
 * <p>The state is the whole map (immutable, absent keys have no entry), so the model is correct even unpartitioned;
 * {@link #partition} splits by key, which is sound because the registers are independent, so each partition's state
 * holds at most one key.
 */
public final class KvModel implements Model<Map<String, String>, KvInput, Object> {

    @Override
    public Map<String, String> init() {
        return Map.of();
    }

    @Override
    public Optional<Map<String, String>> step(Map<String, String> state, KvInput input, Object output) {
        String current = state.get(input.key());
        if (input instanceof KvInput.Get) {
            if (output != null && !(output instanceof String)) {
                throw new IllegalArgumentException("a get's output is the String read or null, but got " + output);
            }
            return Objects.equals(current, output) ? Optional.of(state) : Optional.empty();
        }
        if (input instanceof KvInput.Put put) {
            return Optional.of(with(state, put.key(), put.value()));
        }
        KvInput.Cas cas = (KvInput.Cas) input;
        if (!(output instanceof Boolean swapped)) {
            throw new IllegalArgumentException("a cas's output is a Boolean, but got " + output);
        }
        boolean matches = Objects.equals(current, cas.expected());
        if (swapped != matches) {
            return Optional.empty();
        }
        return Optional.of(matches ? with(state, cas.key(), cas.value()) : state);
    }

    @Override
    public Optional<Map<String, String>> stepUnknownOutput(Map<String, String> state, KvInput input) {
        if (input instanceof KvInput.Get) {
            return Optional.of(state);
        }
        if (input instanceof KvInput.Put put) {
            return Optional.of(with(state, put.key(), put.value()));
        }
        KvInput.Cas cas = (KvInput.Cas) input;
        boolean matches = Objects.equals(state.get(cas.key()), cas.expected());
        return Optional.of(matches ? with(state, cas.key(), cas.value()) : state);
    }

    /** A put, since every partition holds a single key, whose value it replaces whatever it was. */
    @Override
    public boolean overwritesState(KvInput input) {
        return input instanceof KvInput.Put;
    }

    /** One partition per key, in order of the key's first operation, each keeping the history's order. */
    @Override
    public List<List<Operation<KvInput, Object>>> partition(List<Operation<KvInput, Object>> history) {
        Map<String, List<Operation<KvInput, Object>>> byKey = history.stream()
                .collect(Collectors.groupingBy(op -> op.input().key(), LinkedHashMap::new, Collectors.toList()));
        return new ArrayList<>(byKey.values());
    }

    @Override
    public String describePartition(List<Operation<KvInput, Object>> partition) {
        return partition.isEmpty() ? "no key" : "key " + quote(partition.get(0).input().key());
    }

    @Override
    public String describeOperation(Operation<KvInput, Object> operation) {
        KvInput input = operation.input();
        String call;
        if (input instanceof KvInput.Get) {
            call = "get(" + quote(input.key()) + ")";
        } else if (input instanceof KvInput.Put put) {
            call = "put(" + quote(put.key()) + ", " + quote(put.value()) + ")";
        } else {
            KvInput.Cas cas = (KvInput.Cas) input;
            call = "cas(" + quote(cas.key()) + ", " + valueOrAbsent(cas.expected()) + " -> " + quote(cas.value()) + ")";
        }
        if (operation.outcomeUnknown()) {
            return call + " -> ? (outcome unknown)";
        }
        if (input instanceof KvInput.Get) {
            return call + " -> " + valueOrAbsent(Objects.toString(operation.output(), null));
        }
        return call + " -> " + (input instanceof KvInput.Put ? "ok" : operation.output());
    }

    @Override
    public String describeState(Map<String, String> state) {
        if (state.isEmpty()) {
            return "every key absent";
        }
        return new TreeMap<>(state).entrySet().stream()
                .map(e -> quote(e.getKey()) + " = " + quote(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static Map<String, String> with(Map<String, String> state, String key, String value) {
        if (state.isEmpty() || state.size() == 1 && state.containsKey(key)) {
            return Map.of(key, value);
        }
        Map<String, String> next = new HashMap<>(state);
        next.put(key, value);
        return Map.copyOf(next);
    }

    private static String valueOrAbsent(String value) {
        return value == null ? "absent" : quote(value);
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }
}
