package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.Compare;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RequestOp;
import dev.berth.store.etcd.pb.TxnRequest;

/** Short builders for the etcd requests tests send. */
final class Requests {

    static final ByteString ALL = ByteString.copyFrom(new byte[] {0});

    private Requests() {
    }

    static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }

    static PutRequest put(String key, String value) {
        return PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)).build();
    }

    static RangeRequest get(String key) {
        return RangeRequest.newBuilder().setKey(bytes(key)).build();
    }

    static RangeRequest range(String key, String end) {
        return RangeRequest.newBuilder().setKey(bytes(key)).setRangeEnd(bytes(end)).build();
    }

    static RangeRequest all() {
        return RangeRequest.newBuilder().setKey(ALL).setRangeEnd(ALL).build();
    }

    static DeleteRangeRequest delete(String key) {
        return DeleteRangeRequest.newBuilder().setKey(bytes(key)).build();
    }

    static DeleteRangeRequest delete(String key, String end) {
        return DeleteRangeRequest.newBuilder().setKey(bytes(key)).setRangeEnd(bytes(end)).build();
    }

    static RequestOp op(PutRequest put) {
        return RequestOp.newBuilder().setRequestPut(put).build();
    }

    static RequestOp op(RangeRequest range) {
        return RequestOp.newBuilder().setRequestRange(range).build();
    }

    static RequestOp op(DeleteRangeRequest delete) {
        return RequestOp.newBuilder().setRequestDeleteRange(delete).build();
    }

    static RequestOp op(TxnRequest txn) {
        return RequestOp.newBuilder().setRequestTxn(txn).build();
    }

    static Compare versionIs(String key, long version) {
        return Compare.newBuilder().setKey(bytes(key)).setTarget(Compare.CompareTarget.VERSION)
                .setResult(Compare.CompareResult.EQUAL).setVersion(version).build();
    }

    static Compare valueIs(String key, String value) {
        return Compare.newBuilder().setKey(bytes(key)).setTarget(Compare.CompareTarget.VALUE)
                .setResult(Compare.CompareResult.EQUAL).setValue(bytes(value)).build();
    }
}
