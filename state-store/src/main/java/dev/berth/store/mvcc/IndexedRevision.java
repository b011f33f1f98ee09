package dev.berth.store.mvcc;

/** A stored revision as the key index lists it: tombstones are the revisions that end a generation. */
record IndexedRevision(Revision revision, boolean tombstone) {
}
