package dev.berth.store.etcd;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.CompactionRequest;
import dev.berth.store.etcd.pb.CompactionResponse;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.DeleteRangeResponse;
import dev.berth.store.etcd.pb.KVGrpcService;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.PutResponse;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.etcd.pb.TxnResponse;
import dev.berth.store.mvcc.MvccStore;
import dev.berth.store.mvcc.pb.InternalRequest;
import dev.berth.store.server.StoreNode;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.concurrent.CompletableFuture;

/**
 * etcd's KV service. Writes go through Raft and are answered once applied on this member; a range is
 * linearizable by default (a ReadIndex round confirms this member has applied everything committed
 * before the call) and served from the local store when the request asks for a serializable read.
 */
final class EtcdKvService extends KVGrpcService {
    private final StoreNode node;
    private final MvccStore store;
    private final int maxRequestBytes;

    EtcdKvService(StoreNode node, MvccStore store, int maxRequestBytes) {
        this.node = node;
        this.store = store;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public Future<RangeResponse> range(RangeRequest request) {
        CompletableFuture<Long> readPoint = request.getSerializable()
                ? CompletableFuture.completedFuture(0L) : node.readBarrier();
        return StoreCalls.answer(readPoint.thenApply(ignored -> store.range(request)), response -> response);
    }

    @Override
    public Future<PutResponse> put(PutRequest request) {
        return write(InternalRequest.newBuilder().setPut(request).build(), PutResponse.class);
    }

    @Override
    public Future<DeleteRangeResponse> deleteRange(DeleteRangeRequest request) {
        return write(InternalRequest.newBuilder().setDeleteRange(request).build(), DeleteRangeResponse.class);
    }

    /** Every txn goes through Raft, read-only ones too: simpler than etcd's local path, and as correct. */
    @Override
    public Future<TxnResponse> txn(TxnRequest request) {
        return write(InternalRequest.newBuilder().setTxn(request).build(), TxnResponse.class);
    }

    @Override
    public Future<CompactionResponse> compact(CompactionRequest request) {
        return write(InternalRequest.newBuilder().setCompaction(request).build(), CompactionResponse.class);
    }

    private <R> Future<R> write(InternalRequest request, Class<R> responseType) {
        ByteString command = request.toByteString();
        if (command.size() > maxRequestBytes) {
            return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, "etcdserver: request is too large"));
        }
        return StoreCalls.answer(node.propose(command), responseType::cast);
    }
}
