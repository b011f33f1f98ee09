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
    /**
     * The highest operation applied per client. The network may deliver a forwarded proposal twice, so
     * the log can hold a command twice; applying only operations newer than the client's last makes each
     * apply at most once (a late, older one was given up by its client and counts as never done).
     */
    private final TreeMap<Integer, Long> lastOp = new TreeMap<>();
    long appliedIndex;

    String get(String key) {
        return values.get(key);
    }

    /** Applies {@code put}; false if it is a duplicate or an operation its client has moved past. */
    boolean apply(long index, Put put) {
        appliedIndex = index;
        Long last = lastOp.get(put.client());
        if (last != null && put.op() <= last) {
            return false;
        }
        lastOp.put(put.client(), put.op());
        values.put(put.key(), put.value());
        return true;
    }

    ByteString snapshot() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : values.entrySet()) {
            b.append(e.getKey()).append('\u0000').append(e.getValue()).append('\u0000');
        }
        b.append('\u0001');
        for (Map.Entry<Integer, Long> e : lastOp.entrySet()) {
            b.append(e.getKey()).append('\u0000').append(e.getValue()).append('\u0000');
        }
        return ByteString.copyFrom(b.toString(), StandardCharsets.UTF_8);
    }

    void restore(long index, ByteString data) {
        values.clear();
        lastOp.clear();
        String text = data.toStringUtf8();
        int split = text.indexOf('\u0001');
        if (split >= 0) {
            pairs(text.substring(0, split), values::put);
            pairs(text.substring(split + 1), (client, op) -> lastOp.put(Integer.parseInt(client), Long.parseLong(op)));
        }
        appliedIndex = index;
    }

    private static void pairs(String text, java.util.function.BiConsumer<String, String> sink) {
        String[] f = text.split("\u0000", -1);
        for (int i = 0; i + 1 < f.length; i += 2) {
            sink.accept(f[i], f[i + 1]);
        }
    }
}
