package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.mvccpb.KeyValue;
import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseGrantResponse;
import dev.berth.store.etcd.pb.LeaseRevokeRequest;
import dev.berth.store.etcd.pb.LeaseKeepAliveResponse;
import dev.berth.store.etcd.pb.LeaseRevokeResponse;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RequestOp;
import dev.berth.store.etcd.pb.ResponseHeader;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.mvcc.pb.LeaseCheckpoint;
import dev.berth.store.mvcc.pb.LeaseCheckpointRequest;
import dev.berth.store.mvcc.pb.LeaseRenewRequest;
import java.util.List;

/**
 * Applies etcd's lease commands to the lease table and the keys: a grant records the lease, a revoke deletes every
 * key attached to it in one revision (as etcd's lessor does in one txn), a checkpoint records remaining TTLs.
 * Keys are attached by their {@code KeyValue.lease}, so a put moving a key to another lease detaches it for free.
 */
final class LeaseApplier {

    private static final ByteString ALL_KEYS = ByteString.copyFrom(new byte[] {0});

    private final KvApplier kv;
    private final LeaseTable table;
    private volatile LeaseListener listener = LeaseListener.NONE;
    private volatile long minTtl = 1;

    LeaseApplier(KvApplier kv, LeaseTable table) {
        this.kv = kv;
        this.table = table;
    }

    void use(LeaseListener listener, long minTtl) {
        this.listener = listener;
        this.minTtl = minTtl;
    }

    LeaseListener listener() {
        return listener;
    }

    LeaseGrantResponse grant(LeaseGrantRequest request, long revision) {
        if (request.getID() == 0) {
            throw new MvccException(EtcdError.LEASE_NOT_FOUND);
        }
        if (table.exists(request.getID())) {
            throw new MvccException(EtcdError.LEASE_EXISTS);
        }
        Lease lease = new Lease(request.getID(), Math.max(request.getTTL(), minTtl), 0);
        table.put(lease);
        listener.granted(lease);
        return LeaseGrantResponse.newBuilder()
                .setHeader(kv.headers().header(revision))
                .setID(lease.id())
                .setTTL(lease.ttl())
                .build();
    }

    LeaseRevokeResponse revoke(LeaseRevokeRequest request, long revision) {
        if (!table.exists(request.getID())) {
            throw new MvccException(EtcdError.LEASE_NOT_FOUND);
        }
        List<ByteString> keys = keys(request.getID());
        long after = revision;
        if (!keys.isEmpty()) {
            TxnRequest.Builder deletes = TxnRequest.newBuilder();
            keys.forEach(key -> deletes.addSuccess(RequestOp.newBuilder()
                    .setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(key))));
            after = kv.txn(deletes.build()).getHeader().getRevision();
        }
        table.remove(request.getID());
        listener.revoked(request.getID());
        return LeaseRevokeResponse.newBuilder().setHeader(kv.headers().header(after)).build();
    }

    /**
     * A keep-alive forwarded through the log: the lease's full TTL (0 if it does not exist), its checkpoint
     * cleared, as etcd's leader clears it on renewal.
     */
    LeaseKeepAliveResponse renew(LeaseRenewRequest request, long revision) {
        LeaseKeepAliveResponse.Builder response = LeaseKeepAliveResponse.newBuilder()
                .setHeader(kv.headers().header(revision)).setID(request.getID());
        table.get(request.getID()).ifPresent(lease -> {
            Lease renewed = new Lease(lease.id(), lease.ttl(), 0);
            table.put(renewed);
            listener.renewed(renewed);
            response.setTTL(lease.ttl());
        });
        return response.build();
    }

    ResponseHeader checkpoint(LeaseCheckpointRequest request, long revision) {
        for (LeaseCheckpoint checkpoint : request.getCheckpointsList()) {
            table.get(checkpoint.getID()).ifPresent(lease -> {
                Lease checkpointed = new Lease(lease.id(), lease.ttl(), Math.max(0, checkpoint.getRemainingTTL()));
                table.put(checkpointed);
                listener.granted(checkpointed);
            });
        }
        return kv.headers().header(revision);
    }

    /** The keys attached to lease {@code id} at the current revision, in key order. */
    List<ByteString> keys(long id) {
        RangeRequest all = RangeRequest.newBuilder().setKey(ALL_KEYS).setRangeEnd(ALL_KEYS).build();
        return kv.range(all).getKvsList().stream()
                .filter(keyValue -> keyValue.getLease() == id)
                .map(KeyValue::getKey)
                .toList();
    }
}
