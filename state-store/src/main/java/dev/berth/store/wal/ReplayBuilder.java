package dev.berth.store.wal;

import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.HardState;
import dev.berth.store.raft.pb.SnapshotMetadata;
import dev.berth.store.wal.pb.WalRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds WAL records, in log order, into the state the Raft core restarts from, relative to the snapshot the
 * member loaded.
 *
 * <p>An entry at index i replaces the entry at i and drops every entry after it, as the Raft log does when a
 * leader overwrites a follower's uncommitted suffix. Entries at or below the snapshot index are covered by the
 * snapshot and are not kept. The kept entries must run contiguously from snapshot index + 1; a hole means entries
 * are missing, which replay refuses to hide.
 */
final class ReplayBuilder {

    private final SnapshotMetadata snapshot;
    private final List<Entry> entries = new ArrayList<>();
    private HardState hardState = HardState.getDefaultInstance();
    private boolean snapshotMarkerSeen;

    ReplayBuilder(SnapshotMetadata snapshot) {
        this.snapshot = snapshot;
    }

    void accept(Path file, long offset, WalRecord record) throws WalCorruptedException {
        switch (record.getRecordCase()) {
            case ENTRY -> addEntry(file, offset, record.getEntry());
            case HARD_STATE -> hardState = record.getHardState();
            case SNAPSHOT -> snapshotMarkerSeen |= record.getSnapshot().getIndex() == snapshot.getIndex()
                    && record.getSnapshot().getTerm() == snapshot.getTerm();
            case RECORD_NOT_SET -> throw WalCorruptedException.atRecord(file, offset, "passes its CRC32C check but"
                    + " holds no entry, hard state or snapshot marker (was it written by a newer version?)");
        }
    }

    private void addEntry(Path file, long offset, Entry entry) throws WalCorruptedException {
        long index = entry.getIndex();
        if (index < 1) {
            throw WalCorruptedException.atRecord(file, offset, "holds an entry with index " + index
                    + "; Raft indexes start at 1");
        }
        if (index <= snapshot.getIndex()) {
            entries.clear();
            return;
        }
        long next = snapshot.getIndex() + 1 + entries.size();
        if (index > next) {
            throw WalCorruptedException.atRecord(file, offset, "holds entry " + index + " but the entries replayed"
                    + " after snapshot index " + snapshot.getIndex() + " end at " + (next - 1)
                    + ", so the entries in between are missing");
        }
        entries.subList((int) (index - snapshot.getIndex() - 1), entries.size()).clear();
        entries.add(entry);
    }

    /**
     * The replayed state.
     *
     * @param dir the WAL directory, named in errors about the log as a whole
     * @throws WalCorruptedException if the snapshot's marker is missing, or the hard state commits entries the log
     *     does not hold
     */
    WalReplay build(Path dir) throws WalCorruptedException {
        if (snapshot.getIndex() > 0 && !snapshotMarkerSeen) {
            throw WalCorruptedException.inLog(dir, "holds no marker for the snapshot at index " + snapshot.getIndex()
                    + " term " + snapshot.getTerm() + " that replay starts from (is the snapshot another member's,"
                    + " or were the segments holding its marker deleted?)");
        }
        long lastIndex = snapshot.getIndex() + entries.size();
        if (hardState.getCommit() > lastIndex) {
            throw WalCorruptedException.inLog(dir, "records commit index " + hardState.getCommit()
                    + " but its log ends at index " + lastIndex + " (snapshot index " + snapshot.getIndex() + ")");
        }
        return new WalReplay(hardState, entries, lastIndex);
    }
}
