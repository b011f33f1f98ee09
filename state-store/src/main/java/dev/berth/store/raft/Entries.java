package dev.berth.store.raft;

import dev.berth.store.raft.pb.Entry;
import java.util.ArrayList;
import java.util.List;

/** Helpers over entry lists shared by the stable and the unstable log. */
final class Entries {
    private Entries() {}

    /** The longest prefix within {@code maxBytes}, but never fewer than one entry; a copy. */
    static List<Entry> limitSize(List<Entry> entries, long maxBytes) {
        if (entries.isEmpty()) {
            return List.of();
        }
        long size = entries.get(0).getSerializedSize();
        int n = 1;
        while (n < entries.size()) {
            size += entries.get(n).getSerializedSize();
            if (size > maxBytes) {
                break;
            }
            n++;
        }
        return new ArrayList<>(entries.subList(0, n));
    }

    static long bytes(List<Entry> entries) {
        long size = 0;
        for (Entry e : entries) {
            size += e.getSerializedSize();
        }
        return size;
    }
}
