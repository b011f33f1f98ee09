package dev.berth.store.mvcc;

import java.util.List;

/**
 * One life of a key, from the put that creates it to the delete (tombstone) that ends it: the revisions of its
 * puts in order, the tombstone last once there is one. Compaction drops revisions from the front, but the
 * generation keeps counting versions from its creation.
 *
 * <p>The revisions are {@link PackedRevisions}, not {@link Revision} objects: a generation lives as long as its key,
 * so an object per put would live on with it and be copied by young collections until promoted.
 */
final class Generation {

    private long createdMain;
    private long createdSub;
    /** Puts since the creation, the tombstone included, compacted ones included. */
    private long version;
    private final PackedRevisions revisions = new PackedRevisions(2);

    /** A generation restored from the backend, where its first surviving revision holds the given version. */
    static Generation restored(Revision created, Revision modified, long version) {
        Generation g = new Generation();
        g.createdMain = created.main();
        g.createdSub = created.sub();
        g.revisions.add(modified);
        g.version = version;
        return g;
    }

    void add(Revision revision) {
        if (revisions.size() == 0) {
            createdMain = revision.main();
            createdSub = revision.sub();
        }
        revisions.add(revision);
        version++;
    }

    boolean isEmpty() {
        return revisions.size() == 0;
    }

    Revision created() {
        return new Revision(createdMain, createdSub);
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

    /** The main revision of the newest put, without making a {@link Revision} of it. */
    long lastMain() {
        return revisions.main(revisions.size() - 1);
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
            if (revisions.main(i) <= atRev) {
                return i;
            }
        }
        return -1;
    }

    /** Drops the revisions before position {@code from}, adding them to {@code removed}. */
    void dropBefore(int from, List<Revision> removed) {
        for (int i = 0; i < from; i++) {
            removed.add(revisions.get(i));
        }
        revisions.dropFirst(from);
    }
}
