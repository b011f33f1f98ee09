package dev.berth.store.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.etcd.mvccpb.Event;
import dev.berth.store.etcd.mvccpb.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns stored revisions back into etcd's watch events: the backend is keyed by revision, so the changes of a
 * main revision are its sub revisions 0, 1, ... up to the first missing one. A tombstone becomes a DELETE whose
 * KeyValue holds the key and its mod revision, as etcd patches it in for watchers.
 *
 * <p>Not thread-safe: the caller holds the store's read lock.
 */
final class EventHistory {

    private EventHistory() {
    }

    /** The changes of main revisions {@code from..to} to keys of {@code range}, in revision order. */
    static List<Event> between(KvStore kv, KeyRange range, long from, long to) {
        List<Event> events = new ArrayList<>();
        for (long main = Math.max(from, 2); main <= to; main++) {
            for (long sub = 0; ; sub++) {
                byte[] stored = kv.backend().get(new Revision(main, sub));
                if (stored == null) {
                    break;
                }
                KeyValue value = parse(stored, main, sub);
                if (range.contains(value.getKey())) {
                    events.add(event(kv, value, main));
                }
            }
        }
        return events;
    }

    private static Event event(KvStore kv, KeyValue value, long main) {
        Event.Builder event = Event.newBuilder();
        if (value.getVersion() == 0) {
            event.setType(Event.EventType.DELETE).setKv(value.toBuilder().setModRevision(main));
        } else {
            event.setType(Event.EventType.PUT).setKv(value);
        }
        KeyValue previous = previous(kv, value.getKey(), main - 1);
        if (previous != null) {
            event.setPrevKv(previous);
        }
        return event.build();
    }

    /** The key at {@code revision}, or null if it did not exist then or that revision is compacted away. */
    private static KeyValue previous(KvStore kv, ByteString key, long revision) {
        if (revision < 1) {
            return null;
        }
        try {
            List<KeyValue> kvs = kv.range(new KeyRange(key, ByteString.EMPTY), revision, kv.currentRevision(), 0,
                    false).kvs();
            return kvs.isEmpty() ? null : kvs.get(0);
        } catch (MvccException compacted) {
            return null;
        }
    }

    private static KeyValue parse(byte[] stored, long main, long sub) {
        try {
            return KeyValue.parseFrom(stored);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("revision " + main + "." + sub + " is not a KeyValue: " + e.getMessage(),
                    e);
        }
    }
}
