package dev.berth.store.etcd;

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
import io.vertx.core.Future;

/** etcd's KV service over {@link KvCalls}. */
final class EtcdKvService extends KVGrpcService {
    private final KvCalls kv;

    EtcdKvService(KvCalls kv) {
        this.kv = kv;
    }

    @Override
    public Future<RangeResponse> range(RangeRequest request) {
        return StoreCalls.answer(kv.range(request));
    }

    @Override
    public Future<PutResponse> put(PutRequest request) {
        return StoreCalls.answer(kv.put(request));
    }

    @Override
    public Future<DeleteRangeResponse> deleteRange(DeleteRangeRequest request) {
        return StoreCalls.answer(kv.deleteRange(request));
    }

    @Override
    public Future<TxnResponse> txn(TxnRequest request) {
        return StoreCalls.answer(kv.txn(request));
    }

    @Override
    public Future<CompactionResponse> compact(CompactionRequest request) {
        return StoreCalls.answer(kv.compact(request));
    }
}
