package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.mvccpb.KeyValue;
import dev.berth.store.etcd.pb.CompactionRequest;
import dev.berth.store.etcd.pb.CompactionResponse;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.DeleteRangeResponse;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.PutResponse;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.RequestOp;
import dev.berth.store.etcd.pb.ResponseHeader;
import dev.berth.store.etcd.pb.ResponseOp;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.etcd.pb.TxnResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Applies etcd's KV requests to the store as etcd 3.4's applier does (etcdserver/apply.go): what each request
 * reads and writes, which revision its header reports, and which invalid request fails with which error. Every
 * check runs before the first write, so a failed request leaves the store as it was.
 *
 * <p>Not thread-safe: {@link MvccStore} holds its write lock around writes and its read lock around reads.
 */
final class KvApplier {

    /** More than the fields of a KeyValue other than key and value take when serialized. */
    private static final int KEY_VALUE_OVERHEAD = 64;

    private final KvStore store;
    private final int maxKeyValueBytes;
    private volatile LeaseChecker leases = LeaseChecker.ACCEPT_ALL;
    private volatile HeaderFactory headers = HeaderFactory.REVISION_ONLY;

    /** A compaction's answer, and the revisions it made obsolete, still to be removed from the backend. */
    record Compaction(CompactionResponse response, List<Revision> obsolete) {
    }

    KvApplier(KvStore store, int maxKeyValueBytes) {
        this.store = store;
        this.maxKeyValueBytes = maxKeyValueBytes;
    }

    void useLeaseChecker(LeaseChecker checker) {
        this.leases = checker;
    }

    void useHeaderFactory(HeaderFactory factory) {
        this.headers = factory;
    }

    HeaderFactory headers() {
        return headers;
    }

    RangeResponse range(RangeRequest request) {
        RequestChecks.range(request);
        RangeResponse.Builder response = range(store.read(), request);
        return response.setHeader(headers.header(response.getHeader().getRevision())).build();
    }

    PutResponse put(PutRequest request) {
        RequestChecks.put(request);
        requireRoom(request);
        requireLease(request.getLease());
        WriteTxn txn = store.write();
        PutResponse.Builder response = put(txn, request);
        txn.end();
        return response.setHeader(headers.header(response.getHeader().getRevision())).build();
    }

    DeleteRangeResponse deleteRange(DeleteRangeRequest request) {
        RequestChecks.deleteRange(request);
        WriteTxn txn = store.write();
        DeleteRangeResponse.Builder response = deleteRange(txn, request);
        txn.end();
        return response.setHeader(headers.header(response.getHeader().getRevision())).build();
    }

    TxnResponse txn(TxnRequest request) {
        RequestChecks.txn(request, RequestChecks.UNLIMITED_OPS);
        requireRoom(request);
        WriteTxn txn = store.write();
        TxnBranch branch = TxnBranch.plan(txn, request);
        checkPuts(txn, branch);
        checkRanges(txn, branch);
        TxnResponse.Builder response = execute(txn, branch);
        long revision = txn.end();
        return response.setHeader(headers.header(revision)).build();
    }

    Compaction compact(CompactionRequest request) {
        List<Revision> obsolete = store.compact(request.getRevision());
        CompactionResponse response = CompactionResponse.newBuilder()
                .setHeader(headers.header(store.currentRevision()))
                .build();
        return new Compaction(response, obsolete);
    }

    /**
     * etcd's Range: a sort or a revision filter reads every key of the range and cuts to the limit afterwards;
     * otherwise one key more than the limit is read, to tell whether there are {@code more}. The count is that of
     * the whole range before filters. A sort target other than the key without a sort order sorts ascending. Ties
     * keep key order (etcd leaves their order open).
     */
    private static RangeResponse.Builder range(ReadView view, RangeRequest request) {
        boolean filtered = request.getMinModRevision() != 0 || request.getMaxModRevision() != 0
                || request.getMinCreateRevision() != 0 || request.getMaxCreateRevision() != 0;
        long limit = request.getSortOrder() != RangeRequest.SortOrder.NONE || filtered ? 0 : request.getLimit();
        if (limit > 0) {
            limit++;
        }
        RangeResult result = view.range(new KeyRange(request.getKey(), request.getRangeEnd()),
                request.getRevision(), limit, request.getCountOnly());
        List<KeyValue> kvs = new ArrayList<>(result.kvs());
        if (request.getMaxModRevision() != 0) {
            kvs.removeIf(kv -> kv.getModRevision() > request.getMaxModRevision());
        }
        if (request.getMinModRevision() != 0) {
            kvs.removeIf(kv -> kv.getModRevision() < request.getMinModRevision());
        }
        if (request.getMaxCreateRevision() != 0) {
            kvs.removeIf(kv -> kv.getCreateRevision() > request.getMaxCreateRevision());
        }
        if (request.getMinCreateRevision() != 0) {
            kvs.removeIf(kv -> kv.getCreateRevision() < request.getMinCreateRevision());
        }
        sort(kvs, request);
        RangeResponse.Builder response = RangeResponse.newBuilder()
                .setHeader(revisionOnly(result.revision()))
                .setCount(result.count());
        if (request.getLimit() > 0 && kvs.size() > request.getLimit()) {
            kvs = kvs.subList(0, (int) request.getLimit());
            response.setMore(true);
        }
        for (KeyValue kv : kvs) {
            response.addKvs(request.getKeysOnly() ? kv.toBuilder().clearValue().build() : kv);
        }
        return response;
    }

    private static void sort(List<KeyValue> kvs, RangeRequest request) {
        RangeRequest.SortOrder order = request.getSortOrder();
        if (request.getSortTarget() != RangeRequest.SortTarget.KEY && order == RangeRequest.SortOrder.NONE) {
            order = RangeRequest.SortOrder.ASCEND;
        }
        if (order != RangeRequest.SortOrder.ASCEND && order != RangeRequest.SortOrder.DESCEND) {
            return;
        }
        Comparator<KeyValue> comparator = switch (request.getSortTarget()) {
            case KEY -> Comparator.comparing(KeyValue::getKey, KeyRange.ORDER);
            case VERSION -> Comparator.comparingLong(KeyValue::getVersion);
            case CREATE -> Comparator.comparingLong(KeyValue::getCreateRevision);
            case MOD -> Comparator.comparingLong(KeyValue::getModRevision);
            case VALUE -> Comparator.comparing(KeyValue::getValue, KeyRange.ORDER);
            case UNRECOGNIZED -> null;
        };
        if (comparator != null) {
            kvs.sort(order == RangeRequest.SortOrder.ASCEND ? comparator : comparator.reversed());
        }
    }

    /**
     * etcd's Put inside a write: keeping the value or lease needs the key to exist (checked before writing);
     * {@code prev_kv} is the key as the write finds it.
     */
    private static PutResponse.Builder put(WriteTxn txn, PutRequest request) {
        boolean keeps = request.getIgnoreValue() || request.getIgnoreLease();
        KeyValue previous = keeps || request.getPrevKv() ? current(txn, request) : null;
        if (keeps && previous == null) {
            throw new MvccException(EtcdError.KEY_NOT_FOUND);
        }
        PutResponse.Builder response = PutResponse.newBuilder();
        if (request.getPrevKv() && previous != null) {
            response.setPrevKv(previous);
        }
        long revision = txn.put(request.getKey(),
                request.getIgnoreValue() ? previous.getValue() : request.getValue(),
                request.getIgnoreLease() ? previous.getLease() : request.getLease());
        return response.setHeader(revisionOnly(revision));
    }

    private static KeyValue current(ReadView view, PutRequest request) {
        List<KeyValue> kvs = view.range(new KeyRange(request.getKey(), ByteString.EMPTY), 0, 0, false).kvs();
        return kvs.isEmpty() ? null : kvs.get(0);
    }

    private static DeleteRangeResponse.Builder deleteRange(WriteTxn txn, DeleteRangeRequest request) {
        KeyRange range = new KeyRange(request.getKey(), request.getRangeEnd());
        DeleteRangeResponse.Builder response = DeleteRangeResponse.newBuilder();
        if (request.getPrevKv()) {
            response.addAllPrevKvs(txn.range(range, 0, 0, false).kvs());
        }
        WriteTxn.Deleted deleted = txn.deleteRange(range);
        return response.setDeleted(deleted.count()).setHeader(revisionOnly(deleted.revision()));
    }

    /** etcd's checkRequestPut over the branch taken: kept values and leases need the key, leases must exist. */
    private void checkPuts(ReadView view, TxnBranch branch) {
        Iterator<TxnBranch> nested = branch.nested().iterator();
        for (RequestOp op : branch.ops()) {
            if (op.hasRequestTxn()) {
                checkPuts(view, nested.next());
            } else if (op.hasRequestPut()) {
                PutRequest put = op.getRequestPut();
                if ((put.getIgnoreValue() || put.getIgnoreLease()) && current(view, put) == null) {
                    throw new MvccException(EtcdError.KEY_NOT_FOUND);
                }
                requireLease(put.getLease());
            }
        }
    }

    /** etcd's checkRequestRange over the branch taken: reads at a revision must be within the history. */
    private static void checkRanges(ReadView view, TxnBranch branch) {
        Iterator<TxnBranch> nested = branch.nested().iterator();
        for (RequestOp op : branch.ops()) {
            if (op.hasRequestTxn()) {
                checkRanges(view, nested.next());
            } else if (op.hasRequestRange()) {
                long revision = op.getRequestRange().getRevision();
                if (revision != 0 && revision > view.revision()) {
                    throw new MvccException(EtcdError.FUTURE_REVISION);
                }
                if (revision != 0 && revision < view.compactRevision()) {
                    throw new MvccException(EtcdError.COMPACTED);
                }
            }
        }
    }

    /** Runs the ops of a checked branch; none can fail. Nested txns answer with an empty header, as in etcd. */
    private static TxnResponse.Builder execute(WriteTxn txn, TxnBranch branch) {
        TxnResponse.Builder response = TxnResponse.newBuilder().setSucceeded(branch.succeeded());
        Iterator<TxnBranch> nested = branch.nested().iterator();
        for (RequestOp op : branch.ops()) {
            ResponseOp.Builder answer = ResponseOp.newBuilder();
            switch (op.getRequestCase()) {
                case REQUEST_RANGE -> answer.setResponseRange(range(txn, op.getRequestRange()));
                case REQUEST_PUT -> answer.setResponsePut(put(txn, op.getRequestPut()));
                case REQUEST_DELETE_RANGE ->
                        answer.setResponseDeleteRange(deleteRange(txn, op.getRequestDeleteRange()));
                case REQUEST_TXN -> answer.setResponseTxn(
                        execute(txn, nested.next()).setHeader(ResponseHeader.getDefaultInstance()));
                case REQUEST_NOT_SET -> throw new IllegalStateException("txn op without a request passed the checks");
            }
            response.addResponses(answer);
        }
        return response;
    }

    /** Refuses a put whose KeyValue could exceed what the backend holds (a kept value fitted already). */
    private void requireRoom(PutRequest put) {
        if ((long) put.getKey().size() + put.getValue().size() + KEY_VALUE_OVERHEAD > maxKeyValueBytes) {
            throw new MvccException(EtcdError.REQUEST_TOO_LARGE);
        }
    }

    private void requireRoom(TxnRequest txn) {
        for (List<RequestOp> ops : List.of(txn.getSuccessList(), txn.getFailureList())) {
            for (RequestOp op : ops) {
                if (op.hasRequestPut()) {
                    requireRoom(op.getRequestPut());
                } else if (op.hasRequestTxn()) {
                    requireRoom(op.getRequestTxn());
                }
            }
        }
    }

    private void requireLease(long lease) {
        if (lease != 0 && !leases.exists(lease)) {
            throw new MvccException(EtcdError.LEASE_NOT_FOUND);
        }
    }

    private static ResponseHeader revisionOnly(long revision) {
        return ResponseHeader.newBuilder().setRevision(revision).build();
    }
}
