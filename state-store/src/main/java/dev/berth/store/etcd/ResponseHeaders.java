package dev.berth.store.etcd;

import dev.berth.store.etcd.pb.ResponseHeader;
import dev.berth.store.server.StoreNode;
import java.util.function.LongSupplier;

/** Fills etcd's response header: cluster and member ids, the store revision and the Raft term. */
final class ResponseHeaders {
    private final long clusterId;
    private final StoreNode node;
    private final LongSupplier revision;

    ResponseHeaders(long clusterId, StoreNode node, LongSupplier revision) {
        this.clusterId = clusterId;
        this.node = node;
        this.revision = revision;
    }

    ResponseHeader current() {
        return at(revision.getAsLong());
    }

    ResponseHeader at(long storeRevision) {
        return ResponseHeader.newBuilder()
                .setClusterId(clusterId)
                .setMemberId(node.id())
                .setRevision(storeRevision)
                .setRaftTerm(node.status().term())
                .build();
    }
}
