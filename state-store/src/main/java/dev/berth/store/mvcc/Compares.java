package dev.berth.store.mvcc;

import dev.berth.store.etcd.mvccpb.KeyValue;
import dev.berth.store.etcd.pb.Compare;
import java.util.List;

/**
 * etcd's txn compares: a compare holds if every key of its range satisfies it; on a range without keys it is
 * checked against an absent key (version, revisions and lease 0), except that a value compare then fails, since a
 * missing key has no value (not even the empty one). A target value of the wrong kind compares as 0 or empty.
 */
final class Compares {

    private Compares() {
    }

    static boolean allHold(ReadView view, List<Compare> compares) {
        for (Compare compare : compares) {
            if (!holds(view, compare)) {
                return false;
            }
        }
        return true;
    }

    static boolean holds(ReadView view, Compare compare) {
        List<KeyValue> kvs = view.range(new KeyRange(compare.getKey(), compare.getRangeEnd()), 0, 0, false).kvs();
        if (kvs.isEmpty()) {
            return compare.getTarget() != Compare.CompareTarget.VALUE
                    && holds(compare, KeyValue.getDefaultInstance());
        }
        for (KeyValue kv : kvs) {
            if (!holds(compare, kv)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Compare compare, KeyValue kv) {
        int result = switch (compare.getTarget()) {
            case VALUE -> KeyRange.ORDER.compare(kv.getValue(), compare.getValue());
            case CREATE -> Long.compare(kv.getCreateRevision(), compare.getCreateRevision());
            case MOD -> Long.compare(kv.getModRevision(), compare.getModRevision());
            case VERSION -> Long.compare(kv.getVersion(), compare.getVersion());
            case LEASE -> Long.compare(kv.getLease(), compare.getLease());
            case UNRECOGNIZED -> 0;
        };
        return switch (compare.getResult()) {
            case EQUAL -> result == 0;
            case NOT_EQUAL -> result != 0;
            case GREATER -> result > 0;
            case LESS -> result < 0;
            case UNRECOGNIZED -> true;
        };
    }
}
