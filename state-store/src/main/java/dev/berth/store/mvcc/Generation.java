package dev.berth.store.mvcc;

import java.util.ArrayList;
import java.util.List;

/**
 * One life of a key, from the put that creates it to the delete (tombstone) that ends it: the revisions of its
 * puts in order, the tombstone last once there is one. Compaction drops revisions from the front, but the
 * generation keeps counting versions from its creation.
 */
final class Generation {

    private Revision created;
    /** Puts since the creation, the tombstone included, compacted ones included. */
    private long version;
    private final List<Revision> revisions = new ArrayList<>(2);

    /** A generation restored from the backend, where its first surviving revision holds the given version. */
    static Generation restored(Revision created, Revision modified, long version) {
        Generation g = new Generation();
        g.created = created;
        g.version = version;
        g.revisions.add(modified);
        return g;
    }

    void add(Revision revision) {
        if (revisions.isEmpty()) {
            created = revision;
        }
        revisions.add(revision);
        version++;
    }

    boolean isEmpty() {
        return revisions.isEmpty();
    }

    Revision created() {
        return created;
    }

    long version() {
        return version;
    }

    Revision first() {
        return revisions.get(0);
    }

    Revision last() {
        return revisions.get(revisions.size() - 1);
    }

    int size() {
        return revisions.size();
    }

    Revision get(int i) {
        return revisions.get(i);
    }

    /** Position of the newest revision whose main revision is at most {@code atRev}, or -1 if there is none. */
    int newestAtOrBefore(long atRev) {
        for (int i = revisions.size() - 1; i >= 0; i--) {
            if (revisions.get(i).main() <= atRev) {
                return i;
            }
        }
        return -1;
    }

    /** Drops the revisions before position {@code from}, adding them to {@code removed}. */
    void dropBefore(int from, List<Revision> removed) {
        List<Revision> dropped = revisions.subList(0, from);
        removed.addAll(dropped);
        dropped.clear();
    }

    List<Revision> revisions() {
        return revisions;
    }
}
