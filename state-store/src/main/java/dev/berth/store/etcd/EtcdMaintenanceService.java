package dev.berth.store.etcd;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.AlarmRequest;
import dev.berth.store.etcd.pb.AlarmResponse;
import dev.berth.store.etcd.pb.DefragmentRequest;
import dev.berth.store.etcd.pb.DefragmentResponse;
import dev.berth.store.etcd.pb.HashKVRequest;
import dev.berth.store.etcd.pb.HashKVResponse;
import dev.berth.store.etcd.pb.HashRequest;
import dev.berth.store.etcd.pb.HashResponse;
import dev.berth.store.etcd.pb.MaintenanceGrpcService;
import dev.berth.store.etcd.pb.MoveLeaderRequest;
import dev.berth.store.etcd.pb.MoveLeaderResponse;
import dev.berth.store.etcd.pb.StatusRequest;
import dev.berth.store.etcd.pb.ResponseHeader;
import dev.berth.store.etcd.pb.SnapshotRequest;
import dev.berth.store.etcd.pb.SnapshotResponse;
import dev.berth.store.etcd.pb.StatusResponse;
import dev.berth.store.mvcc.MvccStore;
import dev.berth.store.raft.RaftStatus;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNode;
import io.vertx.core.Future;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * etcd's Maintenance service: member status, hashes for comparing members, a snapshot of the store,
 * alarms, defragmentation and leadership moves.
 */
final class EtcdMaintenanceService extends MaintenanceGrpcService {
    /** Snapshot stream chunk size, as etcd sends its database in 32 KiB pieces. */
    private static final int SNAPSHOT_CHUNK_BYTES = 32 * 1024;

    private final StoreNode node;
    private final MvccStore store;
    private final ResponseHeaders headers;
    private final MemberCalls calls;

    EtcdMaintenanceService(StoreNode node, MvccStore store, ResponseHeaders headers, MemberCalls calls) {
        this.node = node;
        this.store = store;
        this.headers = headers;
        this.calls = calls;
    }

    @Override
    public Future<HashResponse> hash(HashRequest request) {
        return Future.succeededFuture(store.hash());
    }

    @Override
    public Future<HashKVResponse> hashKV(HashKVRequest request) {
        try {
            return Future.succeededFuture(store.hashKv(request.getRevision()));
        } catch (RuntimeException e) {
            return Future.failedFuture(EtcdErrors.toStatus(e));
        }
    }

    /** No alarms are raised here (no space quota yet): GET lists none; ACTIVATE and DEACTIVATE do nothing. */
    @Override
    public Future<AlarmResponse> alarm(AlarmRequest request) {
        return Future.succeededFuture(AlarmResponse.newBuilder().setHeader(headers.current()).build());
    }

    /** The Chronicle Map backend reuses freed space itself; there is nothing to defragment. */
    @Override
    public Future<DefragmentResponse> defragment(DefragmentRequest request) {
        return Future.succeededFuture(DefragmentResponse.newBuilder().setHeader(headers.current()).build());
    }

    /**
     * Streams the store's state as one consistent snapshot in 32 KiB chunks, followed, as etcd does, by
     * the SHA-256 of everything before it (see {@link #withChecksum}). The bytes are Berth's snapshot
     * format (the length-prefixed MVCC snapshot), not a bolt database:
     * {@code etcdctl snapshot save} stores them, {@code etcdctl snapshot restore} cannot read them.
     */
    @Override
    protected void snapshot(SnapshotRequest request, WriteStream<SnapshotResponse> response) {
        byte[] data;
        try {
            data = withChecksum(store.snapshot().toByteArray());
        } catch (RuntimeException e) {
            if (response instanceof GrpcServerResponse<?, ?> grpc) {
                StatusException status = EtcdErrors.toStatus(e);
                grpc.status(status.status()).statusMessage(status.message()).end();
            } else {
                response.end();
            }
            return;
        }
        ResponseHeader header = headers.current();
        int offset = 0;
        do {
            int length = Math.min(SNAPSHOT_CHUNK_BYTES, data.length - offset);
            response.write(SnapshotResponse.newBuilder()
                    .setHeader(header)
                    .setRemainingBytes(data.length - offset - length)
                    .setBlob(ByteString.copyFrom(data, offset, length))
                    .build());
            offset += length;
        } while (offset < data.length);
        response.end();
    }

    /**
     * Frames the state as etcdctl expects a database file: a multiple of 512 bytes (etcdctl checks that
     * size % 512 == 32 to find the checksum) followed by its SHA-256. The state is length-prefixed (8
     * bytes) and zero-padded, so it can be read back exactly.
     */
    static byte[] withChecksum(byte[] state) {
        int framed = Long.BYTES + state.length;
        int padded = (framed + 511) / 512 * 512;
        ByteBuffer body = ByteBuffer.allocate(padded).putLong(state.length).put(state);
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(body.array());
            byte[] all = Arrays.copyOf(body.array(), padded + sha.length);
            System.arraycopy(sha, 0, all, padded, sha.length);
            return all;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public Future<StatusResponse> status(StatusRequest request) {
        return Future.succeededFuture(calls.status());
    }

    @Override
    public Future<MoveLeaderResponse> moveLeader(MoveLeaderRequest request) {
        RaftStatus raft = node.status();
        if (raft.role() != RoleKind.LEADER) {
            return Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, "etcdserver: not leader"));
        }
        if (!raft.confState().getVotersList().contains(request.getTargetID())) {
            return Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, "etcdserver: bad leader transferee"));
        }
        node.transferLeadership(request.getTargetID());
        return Future.succeededFuture(MoveLeaderResponse.newBuilder().setHeader(headers.current()).build());
    }
}
