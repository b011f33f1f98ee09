package dev.berth.store.mvcc;

import dev.berth.store.etcd.mvccpb.KeyValue;
import java.util.List;

/**
 * What the store finds for a range at one revision, before etcd's request-level filtering, sorting and limit.
 *
 * @param kvs the keys found, in key order, at most as many as asked for (none when only counting)
 * @param count how many keys the range holds at that revision, regardless of the limit
 * @param revision the store revision the read saw (not the revision it read at)
 */
record RangeResult(List<KeyValue> kvs, long count, long revision) {
}
