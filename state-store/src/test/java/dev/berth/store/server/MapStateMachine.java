package dev.berth.store.server;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A test state machine: commands are {@code key=value}; the answer is the index that applied it. */
final class MapStateMachine implements StateMachine {
    final ConcurrentSkipListMap<String, String> values = new ConcurrentSkipListMap<>();
    volatile long appliedIndex;
    /** Snapshots restored: from the member's own files at start, or sent by the leader. */
    volatile int restores;

    static ByteString put(String key, String value) {
        return ByteString.copyFromUtf8(key + "=" + value);
    }

    @Override
    public Object apply(long index, ByteString command) {
        String[] kv = command.toStringUtf8().split("=", 2);
        if (kv.length != 2) {
            throw new RejectedCommandException("not key=value: " + command.toStringUtf8());
        }
        values.put(kv[0], kv[1]);
        appliedIndex = index;
        return index;
    }

    @Override
    public ByteString snapshot() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            b.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return ByteString.copyFromUtf8(b.toString());
    }

    /** Reports its number of keys as the snapshot's records, as the MVCC store reports its stored revisions. */
    @Override
    public SnapshotExport exportSnapshot() {
        ByteString state = snapshot();
        int records = values.size();
        return new SnapshotExport() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                state.writeTo(out);
            }

            @Override
            public long records() {
                return records;
            }
        };
    }

    @Override
    public void restore(long index, ByteString snapshot) {
        values.clear();
        for (String line : snapshot.toStringUtf8().split("\n")) {
            if (!line.isEmpty()) {
                String[] kv = line.split("=", 2);
                values.put(kv[0], kv[1]);
            }
        }
        appliedIndex = index;
        restores++;
    }
}
