package dev.berth.store.lease;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseRevokeRequest;
import dev.berth.store.mvcc.pb.InternalRequest;
import dev.berth.store.mvcc.pb.LeaseCheckpoint;
import dev.berth.store.mvcc.pb.LeaseCheckpointRequest;
import dev.berth.store.mvcc.pb.LeaseRenewRequest;
import java.util.List;

/** The Raft commands of the lessor, as the MVCC store applies them. */
public final class LeaseCommands {

    private LeaseCommands() {
    }

    public static ByteString grant(long id, long ttl) {
        return InternalRequest.newBuilder()
                .setLeaseGrant(LeaseGrantRequest.newBuilder().setID(id).setTTL(ttl))
                .build().toByteString();
    }

    public static ByteString revoke(long id) {
        return InternalRequest.newBuilder()
                .setLeaseRevoke(LeaseRevokeRequest.newBuilder().setID(id))
                .build().toByteString();
    }

    public static ByteString renew(long id) {
        return InternalRequest.newBuilder()
                .setLeaseRenew(LeaseRenewRequest.newBuilder().setID(id))
                .build().toByteString();
    }

    public static ByteString checkpoint(List<LeaseCheckpoint> checkpoints) {
        return InternalRequest.newBuilder()
                .setLeaseCheckpoint(LeaseCheckpointRequest.newBuilder().addAllCheckpoints(checkpoints))
                .build().toByteString();
    }
}
