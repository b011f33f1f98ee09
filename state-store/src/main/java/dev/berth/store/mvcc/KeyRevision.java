package dev.berth.store.mvcc;

/**
 * What the key index knows about a live key at some revision, without reading the backend.
 *
 * @param modified where the key's value at that revision is stored
 * @param created the revision that created the key (its generation's first put)
 * @param version the number of puts since that creation, this one included
 */
record KeyRevision(Revision modified, Revision created, long version) {
}
