package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RequestOp;
import dev.berth.store.etcd.pb.TxnRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks etcd's gRPC layer makes on a KV request before proposing it (etcd's v3rpc/key.go), in the same order,
 * with the same errors. The API layer calls them to refuse a bad request without a round of consensus;
 * {@link MvccStore} makes them again when it applies a request, which every member does alike.
 */
public final class RequestChecks {

    /** etcd's default {@code --max-txn-ops}. */
    public static final int DEFAULT_MAX_TXN_OPS = 128;

    /** No limit on txn size: what apply uses, so that members configured differently never diverge. */
    static final int UNLIMITED_OPS = Integer.MAX_VALUE;

    private RequestChecks() {
    }

    public static void range(RangeRequest request) {
        requireKey(request.getKey());
    }

    public static void put(PutRequest request) {
        requireKey(request.getKey());
        if (request.getIgnoreValue() && !request.getValue().isEmpty()) {
            throw new MvccException(EtcdError.VALUE_PROVIDED);
        }
        if (request.getIgnoreLease() && request.getLease() != 0) {
            throw new MvccException(EtcdError.LEASE_PROVIDED);
        }
    }

    public static void deleteRange(DeleteRangeRequest request) {
        requireKey(request.getKey());
    }

    /**
     * Checks every compare and op of a txn, nested txns included, then that no branch writes a key twice.
     *
     * @param maxTxnOps the most compares, or ops in one branch, a txn may have ({@link #DEFAULT_MAX_TXN_OPS})
     */
    public static void txn(TxnRequest request, int maxTxnOps) {
        txnOps(request, maxTxnOps);
        writtenKeys(request.getSuccessList());
        writtenKeys(request.getFailureList());
    }

    private static void txnOps(TxnRequest request, int maxTxnOps) {
        int ops = Math.max(request.getCompareCount(), Math.max(request.getSuccessCount(), request.getFailureCount()));
        if (ops > maxTxnOps) {
            throw new MvccException(EtcdError.TOO_MANY_OPS);
        }
        request.getCompareList().forEach(compare -> requireKey(compare.getKey()));
        for (RequestOp op : request.getSuccessList()) {
            op(op, maxTxnOps - ops);
        }
        for (RequestOp op : request.getFailureList()) {
            op(op, maxTxnOps - ops);
        }
    }

    private static void op(RequestOp op, int maxTxnOps) {
        switch (op.getRequestCase()) {
            case REQUEST_RANGE -> range(op.getRequestRange());
            case REQUEST_PUT -> put(op.getRequestPut());
            case REQUEST_DELETE_RANGE -> deleteRange(op.getRequestDeleteRange());
            case REQUEST_TXN -> txnOps(op.getRequestTxn(), maxTxnOps);
            case REQUEST_NOT_SET -> throw new MvccException(EtcdError.KEY_NOT_FOUND);
        }
    }

    private static void requireKey(ByteString key) {
        if (key.isEmpty()) {
            throw new MvccException(EtcdError.EMPTY_KEY);
        }
    }

    /** The keys one branch puts and the ranges it deletes, nested txns included. */
    private record Writes(Set<ByteString> puts, List<KeyRange> deletes) {

        boolean deletes(ByteString key) {
            for (KeyRange range : deletes) {
                if (range.contains(key)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * etcd's checkIntervals: a put may not hit a key that another put or a delete of the same branch (or of a txn
     * nested in it) writes; the then and else branches of one nested txn may put the same key, as only one runs.
     * Unlike etcd, a delete whose range end is "\0" covers every key from its key on (etcd treats it as an empty
     * interval here, lets a later put of a deleted key through, and fails while applying such a txn when that put
     * keeps the value or lease of the key it just deleted).
     */
    private static Writes writtenKeys(List<RequestOp> ops) {
        Writes writes = new Writes(new HashSet<>(), new ArrayList<>());
        for (RequestOp op : ops) {
            if (op.hasRequestDeleteRange()) {
                DeleteRangeRequest delete = op.getRequestDeleteRange();
                writes.deletes().add(new KeyRange(delete.getKey(), delete.getRangeEnd()));
            }
        }
        for (RequestOp op : ops) {
            if (!op.hasRequestTxn()) {
                continue;
            }
            Writes then = writtenKeys(op.getRequestTxn().getSuccessList());
            Writes otherwise = writtenKeys(op.getRequestTxn().getFailureList());
            for (ByteString key : then.puts()) {
                claim(writes, key);
            }
            for (ByteString key : otherwise.puts()) {
                if (then.puts().contains(key)) {
                    if (writes.deletes(key)) {
                        throw new MvccException(EtcdError.DUPLICATE_KEY);
                    }
                } else {
                    claim(writes, key);
                }
            }
            writes.deletes().addAll(then.deletes());
            writes.deletes().addAll(otherwise.deletes());
        }
        for (RequestOp op : ops) {
            if (op.hasRequestPut()) {
                claim(writes, op.getRequestPut().getKey());
            }
        }
        return writes;
    }

    private static void claim(Writes writes, ByteString key) {
        if (!writes.puts().add(key) || writes.deletes(key)) {
            throw new MvccException(EtcdError.DUPLICATE_KEY);
        }
    }
}
