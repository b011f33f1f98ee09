package dev.berth.store.raft.simulation;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** The replicated state of the simulation: a string map, plus the index it reflects. */
final class KvStateMachine {
    /** A client write as it travels in a log entry. */
    record Put(int client, long op, String key, String value) {
        ByteString encode() {
            return ByteString.copyFromUtf8(client + "\u0000" + op + "\u0000" + key + "\u0000" + value);
        }

        static Put decode(ByteString data) {
            String[] f = data.toStringUtf8().split("\u0000", -1);
            return new Put(Integer.parseInt(f[0]), Long.parseLong(f[1]), f[2], f[3]);
        }
    }

    private final TreeMap<String, String> values = new TreeMap<>();
    long appliedIndex;

    String get(String key) {
        return values.get(key);
    }

    void apply(long index, Put put) {
        values.put(put.key(), put.value());
        appliedIndex = index;
    }

    ByteString snapshot() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            b.append(e.getKey()).append('\u0000').append(e.getValue()).append('\u0000');
        }
        return ByteString.copyFrom(b.toString(), StandardCharsets.UTF_8);
    }

    void restore(long index, ByteString data) {
        values.clear();
        String[] f = data.toStringUtf8().split("\u0000", -1);
        for (int i = 0; i + 1 < f.length; i += 2) {
            values.put(f[i], f[i + 1]);
        }
        appliedIndex = index;
    }
}
