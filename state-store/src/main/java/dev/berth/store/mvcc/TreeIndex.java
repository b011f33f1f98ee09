package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The in-memory index of every key's history, ordered by key as etcd orders them (unsigned bytes), so that a range
 * read finds its keys and their stored revisions without touching the backend. Not thread-safe: the store guards
 * it with its read-write lock.
 */
final class TreeIndex {

    private final TreeMap<ByteString, KeyIndex> keys = new TreeMap<>(KeyRange.ORDER);

    /** The revisions found by a range read, and how many keys the range holds at that revision. */
    record Hits(List<Revision> revisions, List<ByteString> keys, long count) {
    }

    Optional<KeyRevision> get(ByteString key, long atRev) {
        KeyIndex index = keys.get(key);
        return index == null ? Optional.empty() : index.get(atRev);
    }

    /**
     * The keys of {@code range} that exist at {@code atRev}, in key order: all of them counted, the first
     * {@code limit} of them (all if {@code limit <= 0}) returned.
     */
    Hits range(KeyRange range, long atRev, long limit) {
        List<Revision> revisions = new ArrayList<>();
        List<ByteString> found = new ArrayList<>();
        long count = 0;
        for (KeyIndex index : indexesIn(range)) {
            Optional<KeyRevision> at = index.get(atRev);
            if (at.isPresent()) {
                count++;
                if (limit <= 0 || revisions.size() < limit) {
                    revisions.add(at.get().modified());
                    found.add(index.key());
                }
            }
        }
        return new Hits(revisions, found, count);
    }

    void put(ByteString key, Revision revision) {
        KeyIndex index = keys.get(key);
        if (index == null) {
            keys.put(key, KeyIndex.created(key, revision));
        } else {
            index.put(revision);
        }
    }

    /** Adds a key's oldest surviving put while the index is rebuilt from the backend. */
    void restore(ByteString key, Revision created, Revision modified, long version) {
        keys.put(key, KeyIndex.restored(key, created, modified, version));
    }

    /** The history of {@code key}, or null if the index holds none. */
    KeyIndex keyIndex(ByteString key) {
        return keys.get(key);
    }

    void tombstone(ByteString key, Revision revision) {
        KeyIndex index = keys.get(key);
        if (index == null) {
            throw new IllegalStateException("delete of key " + key.toStringUtf8() + " at revision " + revision
                    + ", which the index does not hold");
        }
        index.tombstone(revision);
    }

    /** Compacts every key's history at {@code atRev}; returns the revisions that became obsolete. */
    List<Revision> compact(long atRev) {
        List<Revision> removed = new ArrayList<>();
        keys.values().removeIf(index -> {
            index.compact(atRev, removed);
            return index.isEmpty();
        });
        return removed;
    }

    /** The revisions at or below {@code atRev} that a compaction at {@code atRev} would keep. */
    Set<Revision> keptBy(long atRev) {
        Set<Revision> kept = new HashSet<>();
        for (KeyIndex index : keys.values()) {
            index.keptBy(atRev).ifPresent(kept::add);
        }
        return kept;
    }

    Collection<KeyIndex> all() {
        return keys.values();
    }

    void clear() {
        keys.clear();
    }

    private Collection<KeyIndex> indexesIn(KeyRange range) {
        if (range.isSingleKey()) {
            KeyIndex index = keys.get(range.key());
            return index == null ? List.of() : List.of(index);
        }
        if (range.isUnbounded()) {
            return keys.tailMap(range.key(), true).values();
        }
        if (range.isEmptyInterval()) {
            return List.of();
        }
        NavigableMap<ByteString, KeyIndex> interval = keys.subMap(range.key(), true, range.rangeEnd(), false);
        return interval.values();
    }
}
