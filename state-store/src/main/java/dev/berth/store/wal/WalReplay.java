package dev.berth.store.wal;

import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.HardState;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Wal#open} recovered: the state the Raft core restarts from, on top of the snapshot it was opened
 * with.
 *
 * @param hardState the last hard state saved, or the default instance if none was
 * @param entries the log after the snapshot index, contiguous from snapshot index + 1, with every overwritten
 *     suffix already replaced
 * @param lastIndex the index of the last entry, or the snapshot index if there are no entries
 */
public record WalReplay(HardState hardState, List<Entry> entries, long lastIndex) {

    public WalReplay {
        Objects.requireNonNull(hardState, "hardState");
        entries = List.copyOf(entries);
    }

    static WalReplay empty() {
        return new WalReplay(HardState.getDefaultInstance(), List.of(), 0);
    }
}
