package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.mvccpb.KeyValue;
import dev.berth.store.etcd.pb.Compare;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * etcd's KV semantics written as plainly as possible, to check the store against: every key maps to the list of
 * its changes (puts and deletes) in order, a read at a revision takes each key's last change at or before it, and
 * compaction only moves the point below which reads fail. No index, no generations, no backend.
 */
final class ReferenceModel {

    /** The one lease id the model's lessor does not know. */
    static final long MISSING_LEASE = 13;

    private static final Comparator<ByteString> UNSIGNED = ByteString.unsignedLexicographicalComparator();
    private static final ByteString ZERO = ByteString.copyFrom(new byte[] {0});

    /** One change of a key; a put carries the key's creation revision and version after it. */
    private record Change(long revision, boolean deleted, ByteString value, long lease, long created, long version) {
    }

    private final TreeMap<ByteString, List<Change>> keys = new TreeMap<>(UNSIGNED);
    private long current = 1;
    private long compacted = -1;
    /** Whether the write in progress changed anything (then it writes at current + 1). */
    private boolean changed;

    long currentRevision() {
        return current;
    }

    /** A stored revision as it should be left after the last compaction: its key, and whether it is a delete. */
    record Stored(long revision, ByteString key, boolean tombstone) {
    }

    /**
     * What the backend should hold: every change after the last compaction, and each key's last change at or
     * before it if that is a put (a delete there takes the key's life with it).
     */
    List<Stored> stored() {
        List<Stored> stored = new ArrayList<>();
        keys.forEach((key, changes) -> {
            Change lastCompacted = null;
            for (Change change : changes) {
                if (change.revision() > compacted) {
                    stored.add(new Stored(change.revision(), key, change.deleted()));
                } else {
                    lastCompacted = change;
                }
            }
            if (lastCompacted != null && !lastCompacted.deleted()) {
                stored.add(new Stored(lastCompacted.revision(), key, false));
            }
        });
        stored.sort(Comparator.comparingLong(Stored::revision).thenComparing(Stored::key, UNSIGNED));
        return stored;
    }

    PutResponse put(PutRequest request) {
        RequestChecks.put(request);
        if (request.getLease() == MISSING_LEASE) {
            throw new MvccException(EtcdError.LEASE_NOT_FOUND);
        }
        PutResponse response = put(request, false);
        end();
        return response;
    }

    DeleteRangeResponse delete(DeleteRangeRequest request) {
        RequestChecks.deleteRange(request);
        DeleteRangeResponse response = deleteRange(request);
        end();
        return response;
    }

    CompactionResponse compact(CompactionRequest request) {
        if (request.getRevision() <= compacted) {
            throw new MvccException(EtcdError.COMPACTED);
        }
        if (request.getRevision() > current) {
            throw new MvccException(EtcdError.FUTURE_REVISION);
        }
        compacted = request.getRevision();
        return CompactionResponse.newBuilder().setHeader(header(current)).build();
    }

    RangeResponse range(RangeRequest request) {
        RequestChecks.range(request);
        return rangeAt(request);
    }

    TxnResponse txn(TxnRequest request) {
        RequestChecks.txn(request, Integer.MAX_VALUE);
        Plan plan = plan(request);
        check(plan);
        TxnResponse.Builder response = run(plan);
        end();
        return response.setHeader(header(current)).build();
    }

    private record Plan(boolean succeeded, List<RequestOp> ops, List<Plan> nested) {
    }

    private Plan plan(TxnRequest request) {
        boolean succeeded = request.getCompareList().stream().allMatch(this::holds);
        List<RequestOp> ops = succeeded ? request.getSuccessList() : request.getFailureList();
        List<Plan> nested = ops.stream().filter(RequestOp::hasRequestTxn).map(op -> plan(op.getRequestTxn()))
                .toList();
        return new Plan(succeeded, ops, nested);
    }

    private void check(Plan plan) {
        checkPuts(plan);
        checkRanges(plan);
    }

    private void checkPuts(Plan plan) {
        int n = 0;
        for (RequestOp op : plan.ops()) {
            if (op.hasRequestTxn()) {
                checkPuts(plan.nested().get(n++));
            } else if (op.hasRequestPut()) {
                PutRequest put = op.getRequestPut();
                if ((put.getIgnoreLease() || put.getIgnoreValue()) && at(put.getKey(), current) == null) {
                    throw new MvccException(EtcdError.KEY_NOT_FOUND);
                }
                if (put.getLease() == MISSING_LEASE) {
                    throw new MvccException(EtcdError.LEASE_NOT_FOUND);
                }
            }
        }
    }

    private void checkRanges(Plan plan) {
        int n = 0;
        for (RequestOp op : plan.ops()) {
            if (op.hasRequestTxn()) {
                checkRanges(plan.nested().get(n++));
            } else if (op.hasRequestRange()) {
                long revision = op.getRequestRange().getRevision();
                if (revision != 0 && revision > current) {
                    throw new MvccException(EtcdError.FUTURE_REVISION);
                }
                if (revision != 0 && revision < compacted) {
                    throw new MvccException(EtcdError.COMPACTED);
                }
            }
        }
    }

    private TxnResponse.Builder run(Plan plan) {
        TxnResponse.Builder response = TxnResponse.newBuilder().setSucceeded(plan.succeeded());
        int n = 0;
        for (RequestOp op : plan.ops()) {
            ResponseOp.Builder answer = ResponseOp.newBuilder();
            if (op.hasRequestRange()) {
                answer.setResponseRange(rangeAt(op.getRequestRange()));
            } else if (op.hasRequestPut()) {
                answer.setResponsePut(put(op.getRequestPut(), true));
            } else if (op.hasRequestDeleteRange()) {
                answer.setResponseDeleteRange(deleteRange(op.getRequestDeleteRange()));
            } else {
                answer.setResponseTxn(run(plan.nested().get(n++)).setHeader(ResponseHeader.getDefaultInstance()));
            }
            response.addResponses(answer);
        }
        return response;
    }

    private boolean holds(Compare compare) {
        List<KeyValue> kvs = visible(compare.getKey(), compare.getRangeEnd(), current);
        if (kvs.isEmpty()) {
            return compare.getTarget() != Compare.CompareTarget.VALUE && holds(compare, KeyValue.getDefaultInstance());
        }
        return kvs.stream().allMatch(kv -> holds(compare, kv));
    }

    private static boolean holds(Compare compare, KeyValue kv) {
        int result = switch (compare.getTarget()) {
            case VERSION -> Long.compare(kv.getVersion(), compare.getVersion());
            case CREATE -> Long.compare(kv.getCreateRevision(), compare.getCreateRevision());
            case MOD -> Long.compare(kv.getModRevision(), compare.getModRevision());
            case VALUE -> UNSIGNED.compare(kv.getValue(), compare.getValue());
            case LEASE -> Long.compare(kv.getLease(), compare.getLease());
            default -> 0;
        };
        return switch (compare.getResult()) {
            case EQUAL -> result == 0;
            case NOT_EQUAL -> result != 0;
            case GREATER -> result > 0;
            case LESS -> result < 0;
            default -> true;
        };
    }

    private PutResponse put(PutRequest request, boolean inTxn) {
        long revision = current + 1;
        KeyValue previous = at(request.getKey(), view());
        if ((request.getIgnoreValue() || request.getIgnoreLease()) && previous == null) {
            throw new MvccException(EtcdError.KEY_NOT_FOUND);
        }
        ByteString value = request.getIgnoreValue() ? previous.getValue() : request.getValue();
        long lease = request.getIgnoreLease() ? previous.getLease() : request.getLease();
        KeyValue live = at(request.getKey(), revision);
        keys.computeIfAbsent(request.getKey(), k -> new ArrayList<>()).add(new Change(revision, false, value, lease,
                live == null ? revision : live.getCreateRevision(), live == null ? 1 : live.getVersion() + 1));
        changed = true;
        PutResponse.Builder response = PutResponse.newBuilder().setHeader(header(revision));
        if (request.getPrevKv() && previous != null) {
            response.setPrevKv(previous);
        }
        return response.build();
    }

    private DeleteRangeResponse deleteRange(DeleteRangeRequest request) {
        List<KeyValue> doomed = visible(request.getKey(), request.getRangeEnd(), view());
        for (KeyValue kv : doomed) {
            keys.get(kv.getKey()).add(new Change(current + 1, true, ByteString.EMPTY, 0, 0, 0));
            changed = true;
        }
        DeleteRangeResponse.Builder response = DeleteRangeResponse.newBuilder().setHeader(header(view()))
                .setDeleted(doomed.size());
        if (request.getPrevKv()) {
            response.addAllPrevKvs(doomed);
        }
        return response.build();
    }

    private RangeResponse rangeAt(RangeRequest request) {
        long view = view();
        if (request.getRevision() > view) {
            throw new MvccException(EtcdError.FUTURE_REVISION);
        }
        long revision = request.getRevision() <= 0 ? view : request.getRevision();
        if (revision < compacted) {
            throw new MvccException(EtcdError.COMPACTED);
        }
        List<KeyValue> all = visible(request.getKey(), request.getRangeEnd(), revision);
        RangeResponse.Builder response = RangeResponse.newBuilder().setHeader(header(view)).setCount(all.size());
        if (request.getCountOnly()) {
            return response.build();
        }
        boolean filtered = request.getMinModRevision() != 0 || request.getMaxModRevision() != 0
                || request.getMinCreateRevision() != 0 || request.getMaxCreateRevision() != 0;
        List<KeyValue> kvs = new ArrayList<>(all);
        if (request.getSortOrder() == RangeRequest.SortOrder.NONE && !filtered && request.getLimit() > 0
                && kvs.size() > request.getLimit() + 1) {
            kvs = new ArrayList<>(kvs.subList(0, (int) request.getLimit() + 1));
        }
        kvs.removeIf(kv -> request.getMaxModRevision() != 0 && kv.getModRevision() > request.getMaxModRevision()
                || request.getMinModRevision() != 0 && kv.getModRevision() < request.getMinModRevision()
                || request.getMaxCreateRevision() != 0 && kv.getCreateRevision() > request.getMaxCreateRevision()
                || request.getMinCreateRevision() != 0 && kv.getCreateRevision() < request.getMinCreateRevision());
        Comparator<KeyValue> order = switch (request.getSortTarget()) {
            case VERSION -> Comparator.comparingLong(KeyValue::getVersion);
            case CREATE -> Comparator.comparingLong(KeyValue::getCreateRevision);
            case MOD -> Comparator.comparingLong(KeyValue::getModRevision);
            case VALUE -> Comparator.comparing(KeyValue::getValue, UNSIGNED);
            default -> Comparator.comparing(KeyValue::getKey, UNSIGNED);
        };
        if (request.getSortOrder() == RangeRequest.SortOrder.DESCEND) {
            kvs.sort(order.reversed());
        } else if (request.getSortOrder() == RangeRequest.SortOrder.ASCEND
                || request.getSortTarget() != RangeRequest.SortTarget.KEY) {
            kvs.sort(order);
        }
        if (request.getLimit() > 0 && kvs.size() > request.getLimit()) {
            kvs = kvs.subList(0, (int) request.getLimit());
            response.setMore(true);
        }
        for (KeyValue kv : kvs) {
            response.addKvs(request.getKeysOnly() ? kv.toBuilder().clearValue().build() : kv);
        }
        return response.build();
    }

    /** The live keys of etcd's range {@code [key, rangeEnd)} at {@code revision}, in key order. */
    private List<KeyValue> visible(ByteString key, ByteString rangeEnd, long revision) {
        List<KeyValue> found = new ArrayList<>();
        for (Map.Entry<ByteString, List<Change>> entry : keys.entrySet()) {
            ByteString k = entry.getKey();
            boolean inRange = rangeEnd.isEmpty() ? k.equals(key)
                    : UNSIGNED.compare(k, key) >= 0 && (rangeEnd.equals(ZERO) || UNSIGNED.compare(k, rangeEnd) < 0);
            KeyValue kv = inRange ? at(k, revision) : null;
            if (kv != null) {
                found.add(kv);
            }
        }
        return found;
    }

    private KeyValue at(ByteString key, long revision) {
        Change last = null;
        for (Change change : keys.getOrDefault(key, List.of())) {
            if (change.revision() <= revision) {
                last = change;
            }
        }
        if (last == null || last.deleted()) {
            return null;
        }
        return KeyValue.newBuilder().setKey(key).setValue(last.value()).setLease(last.lease())
                .setCreateRevision(last.created()).setModRevision(last.revision()).setVersion(last.version()).build();
    }

    private long view() {
        return changed ? current + 1 : current;
    }

    private void end() {
        if (changed) {
            current++;
            changed = false;
        }
    }

    private static ResponseHeader header(long revision) {
        return ResponseHeader.newBuilder().setRevision(revision).build();
    }
}
