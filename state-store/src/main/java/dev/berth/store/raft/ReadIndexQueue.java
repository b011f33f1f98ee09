package dev.berth.store.raft;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A leader's read-index requests waiting for a quorum to acknowledge a heartbeat. Each request gets its
 * own heartbeat context from this queue, so requests from different members that happen to use the same
 * context never merge. An acknowledgement of one request also confirms every request queued before it.
 */
final class ReadIndexQueue {
    /** A read request: who asked ({@code from}) and the context to answer it with. */
    record Request(long from, ByteString context) {}

    /** A queued request, the commit index it was taken at, and who has acknowledged its heartbeat. */
    record Pending(Request request, long index, Map<Long, Boolean> acks) {}

    private final LinkedHashMap<ByteString, Pending> pending = new LinkedHashMap<>();
    private long nextHeartbeat;

    /** Queues a request; returns the context its confirming heartbeat must carry. */
    ByteString add(long index, Request request) {
        ByteString heartbeat = ByteString.copyFrom(ByteBuffer.allocate(Long.BYTES).putLong(++nextHeartbeat).flip());
        pending.put(heartbeat, new Pending(request, index, new HashMap<>()));
        return heartbeat;
    }

    /** Records an acknowledgement of a heartbeat; returns the acks so far, or null if it is not pending. */
    Map<Long, Boolean> acknowledge(long from, ByteString heartbeat) {
        Pending p = pending.get(heartbeat);
        if (p == null) {
            return null;
        }
        p.acks().put(from, Boolean.TRUE);
        return p.acks();
    }

    /** Removes and returns the requests up to and including the one confirmed by {@code heartbeat}. */
    List<Pending> releaseThrough(ByteString heartbeat) {
        if (!pending.containsKey(heartbeat)) {
            return List.of();
        }
        List<Pending> released = new ArrayList<>();
        var it = pending.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            it.remove();
            released.add(e.getValue());
            if (e.getKey().equals(heartbeat)) {
                break;
            }
        }
        return released;
    }

    /** The newest pending heartbeat context, so heartbeats retry it until a quorum answers; empty if none. */
    ByteString lastContext() {
        ByteString last = ByteString.EMPTY;
        for (ByteString c : pending.keySet()) {
            last = c;
        }
        return last;
    }
}
