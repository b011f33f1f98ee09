package dev.berth.store.linearizability;

import java.util.ArrayList;
import java.util.List;

/** Writes {@link KvModel} histories for tests one operation per line, so a table of cases reads like a timeline. */
final class KvHistory {

    private final List<Operation<KvInput, Object>> ops = new ArrayList<>();

    private KvHistory() {
    }

    static KvHistory history() {
        return new KvHistory();
    }

    /** A get that read {@code value}, or found the key absent if {@code value} is null. */
    KvHistory get(int client, String key, String value, long call, long ret) {
        return add(new Operation<>(client, new KvInput.Get(key), value, call, ret));
    }

    KvHistory put(int client, String key, String value, long call, long ret) {
        return add(new Operation<>(client, new KvInput.Put(key, value), null, call, ret));
    }

    KvHistory cas(int client, String key, String expected, String value, boolean swapped, long call, long ret) {
        return add(new Operation<>(client, new KvInput.Cas(key, expected, value), swapped, call, ret));
    }

    /** A put whose client timed out: it may have taken effect any time after {@code call}, or never. */
    KvHistory putUnknown(int client, String key, String value, long call) {
        return add(Operation.unknownOutcome(client, new KvInput.Put(key, value), call));
    }

    KvHistory casUnknown(int client, String key, String expected, String value, long call) {
        return add(Operation.unknownOutcome(client, new KvInput.Cas(key, expected, value), call));
    }

    List<Operation<KvInput, Object>> build() {
        return List.copyOf(ops);
    }

    private KvHistory add(Operation<KvInput, Object> op) {
        ops.add(op);
        return this;
    }
}
