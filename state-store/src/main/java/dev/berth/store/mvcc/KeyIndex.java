package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The history of one key as etcd's keyIndex keeps it: generations from oldest to newest, each ended by a tombstone
 * except the last, which is empty while the key is deleted. For example put(2), put(3), delete(4), put(5) gives
 * {@code {2, 3, 4(tombstone)}, {5}}. It answers which stored revision holds the key's value at any revision still
 * in the history, and which revisions a compaction makes obsolete.
 */
final class KeyIndex {

    private final ByteString key;
    private final List<Generation> generations = new ArrayList<>(1);

    private KeyIndex(ByteString key) {
        this.key = key;
    }

    /** The index of a key whose first stored revision is a put at {@code revision}. */
    static KeyIndex created(ByteString key, Revision revision) {
        KeyIndex index = new KeyIndex(key);
        index.generations.add(new Generation());
        index.put(revision);
        return index;
    }

    /**
     * The index of a key as restored from the backend, whose oldest surviving revision is a put at
     * {@code modified}, of the generation created at {@code created}, with version {@code version}.
     */
    static KeyIndex restored(ByteString key, Revision created, Revision modified, long version) {
        KeyIndex index = new KeyIndex(key);
        index.generations.add(Generation.restored(created, modified, version));
        return index;
    }

    ByteString key() {
        return key;
    }

    void put(Revision revision) {
        Revision modified = lastModified();
        if (modified != null && revision.compareTo(modified) <= 0) {
            throw new IllegalStateException("put of key " + key.toStringUtf8() + " at revision " + revision
                    + " is not after its last modification " + modified);
        }
        lastGeneration().add(revision);
    }

    /**
     * The newest revision of the key, its tombstone if it is deleted, or null if nothing of its history is left: the
     * newest generation with a revision ends with it.
     */
    private Revision lastModified() {
        for (int i = generations.size() - 1; i >= 0; i--) {
            if (!generations.get(i).isEmpty()) {
                return generations.get(i).last();
            }
        }
        return null;
    }

    /** Ends the key's current generation with a tombstone at {@code revision}. */
    void tombstone(Revision revision) {
        if (lastGeneration().isEmpty()) {
            throw new IllegalStateException("delete of key " + key.toStringUtf8() + " at revision " + revision
                    + ", which does not exist");
        }
        put(revision);
        generations.add(new Generation());
    }

    /** Whether the key currently exists (its last generation has a put). */
    boolean isLive() {
        return !lastGeneration().isEmpty();
    }

    /** Whether nothing of the key's history is left (after a compaction removed its last generation). */
    boolean isEmpty() {
        return generations.size() == 1 && generations.get(0).isEmpty();
    }

    /** The key as it was at {@code atRev}, if it existed then. */
    Optional<KeyRevision> get(long atRev) {
        Generation g = generationAt(atRev);
        if (g == null) {
            return Optional.empty();
        }
        int n = g.newestAtOrBefore(atRev);
        if (n < 0) {
            return Optional.empty();
        }
        return Optional.of(new KeyRevision(g.get(n), g.created(), g.version() - (g.size() - n - 1)));
    }

    /**
     * Removes the revisions a compaction at {@code atRev} makes obsolete, adding them to {@code removed}: every
     * revision up to {@code atRev} except the newest one of the key's life at {@code atRev}; a generation that
     * ended (tombstone included) at or before {@code atRev} goes as a whole.
     */
    void compact(long atRev, List<Revision> removed) {
        int genIdx = firstGenerationAliveAfter(atRev);
        Generation g = generations.get(genIdx);
        if (!g.isEmpty()) {
            int kept = g.newestAtOrBefore(atRev);
            if (kept > 0) {
                g.dropBefore(kept, removed);
            }
        }
        List<Generation> ended = generations.subList(0, genIdx);
        for (Generation old : ended) {
            old.dropBefore(old.size(), removed);
        }
        ended.clear();
    }

    /** The revision of this key that a compaction at {@code atRev} would keep at or below {@code atRev}, if any. */
    Optional<Revision> keptBy(long atRev) {
        Generation g = generations.get(firstGenerationAliveAfter(atRev));
        int kept = g.newestAtOrBefore(atRev);
        return kept < 0 ? Optional.empty() : Optional.of(g.get(kept));
    }

    /** Calls {@code visitor} with every revision of the key, oldest first, telling tombstones apart. */
    void forEachRevision(RevisionVisitor visitor) {
        for (int gi = 0; gi < generations.size(); gi++) {
            Generation g = generations.get(gi);
            boolean ended = gi < generations.size() - 1;
            for (int i = 0; i < g.size(); i++) {
                visitor.visit(g.get(i), ended && i == g.size() - 1);
            }
        }
    }

    /** Receives one stored revision of a key. */
    @FunctionalInterface
    interface RevisionVisitor {
        void visit(Revision revision, boolean tombstone);
    }

    private Generation lastGeneration() {
        return generations.get(generations.size() - 1);
    }

    /** The first generation that is the current one or whose tombstone is after {@code atRev}. */
    private int firstGenerationAliveAfter(long atRev) {
        int genIdx = 0;
        while (genIdx < generations.size() - 1 && generations.get(genIdx).lastMain() <= atRev) {
            genIdx++;
        }
        return genIdx;
    }

    /**
     * The generation holding the key at {@code rev}, or null if the key did not exist then (before its first
     * generation, or between a tombstone and the next creation).
     */
    private Generation generationAt(long rev) {
        int last = generations.size() - 1;
        for (int cg = last; cg >= 0; cg--) {
            Generation g = generations.get(cg);
            if (g.isEmpty()) {
                continue;
            }
            if (cg != last && g.lastMain() <= rev) {
                return null;
            }
            if (g.first().main() <= rev) {
                return g;
            }
        }
        return null;
    }
}
