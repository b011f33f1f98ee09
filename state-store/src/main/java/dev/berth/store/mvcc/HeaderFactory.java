package dev.berth.store.mvcc;

import dev.berth.store.etcd.pb.ResponseHeader;

/**
 * Makes the header of each response the store returns, from the store revision it reports. The store knows only
 * the revision; the server layer installs a factory that adds cluster id, member id and Raft term. Headers of the
 * responses nested in a txn carry the revision alone, as etcd's do.
 */
@FunctionalInterface
public interface HeaderFactory {

    /** Fills in the revision only. */
    HeaderFactory REVISION_ONLY = revision -> ResponseHeader.newBuilder().setRevision(revision).build();

    ResponseHeader header(long revision);
}
