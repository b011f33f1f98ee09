package dev.berth.store.etcd;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.CompactionRequest;
import dev.berth.store.etcd.pb.CompactionResponse;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.DeleteRangeResponse;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.PutResponse;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.etcd.pb.TxnResponse;
import dev.berth.store.mvcc.MvccException;
import dev.berth.store.mvcc.MvccStore;
import dev.berth.store.mvcc.RequestChecks;
import dev.berth.store.mvcc.pb.InternalRequest;
import dev.berth.store.server.StoreNode;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.concurrent.CompletableFuture;

/**
 * etcd's KV calls on one member, for the gRPC service and the in-process client alike. Writes go through Raft and
 * are answered once applied on this member; a range is linearizable by default (a ReadIndex round confirms this
 * member has applied everything committed before the call) and served from the local store when the request asks
 * for a serializable read. Futures complete on one of the member's threads and fail with etcd's errors
 * ({@link StatusException}).
 */
public final class KvCalls {
    private final StoreNode node;
    private final MvccStore store;
    private final int maxRequestBytes;

    KvCalls(StoreNode node, MvccStore store, int maxRequestBytes) {
        this.node = node;
        this.store = store;
        this.maxRequestBytes = maxRequestBytes;
    }

    public CompletableFuture<RangeResponse> range(RangeRequest request) {
        CompletableFuture<Long> readPoint = request.getSerializable()
                ? CompletableFuture.completedFuture(0L) : node.readBarrier();
        return EtcdErrors.shaped(readPoint.thenApply(ignored -> store.range(request)));
    }

    public CompletableFuture<PutResponse> put(PutRequest request) {
        return write(InternalRequest.newBuilder().setPut(request).build(), PutResponse.class);
    }

    public CompletableFuture<DeleteRangeResponse> deleteRange(DeleteRangeRequest request) {
        return write(InternalRequest.newBuilder().setDeleteRange(request).build(), DeleteRangeResponse.class);
    }

    /**
     * Every txn goes through Raft, read-only ones too: simpler than etcd's local path, and as correct. etcd's
     * --max-txn-ops limit is checked here, before proposing, as etcd does: apply checks without a limit.
     */
    public CompletableFuture<TxnResponse> txn(TxnRequest request) {
        try {
            RequestChecks.txn(request, RequestChecks.DEFAULT_MAX_TXN_OPS);
        } catch (MvccException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        return write(InternalRequest.newBuilder().setTxn(request).build(), TxnResponse.class);
    }

    public CompletableFuture<CompactionResponse> compact(CompactionRequest request) {
        return write(InternalRequest.newBuilder().setCompaction(request).build(), CompactionResponse.class);
    }

    private <R> CompletableFuture<R> write(InternalRequest request, Class<R> responseType) {
        ByteString command = request.toByteString();
        if (command.size() > maxRequestBytes) {
            return CompletableFuture.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, "etcdserver: request is too large"));
        }
        return EtcdErrors.shaped(node.propose(command).thenApply(responseType::cast));
    }
}
