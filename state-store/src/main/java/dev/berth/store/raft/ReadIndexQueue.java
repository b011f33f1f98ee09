package dev.berth.store.raft;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A leader's read-index requests waiting for a quorum to acknowledge a heartbeat that carried their
 * context. An acknowledgement of one request also confirms every request queued before it.
 */
final class ReadIndexQueue {
    /** A read request: who asked ({@code from}) and its id. */
    record Request(long from, ByteString context) {}

    /** A queued request, the commit index it was taken at, and who has acknowledged it. */
    record Pending(Request request, long index, Map<Long, Boolean> acks) {}

    private final LinkedHashMap<ByteString, Pending> pending = new LinkedHashMap<>();

    /** Queues a request unless one with the same context is already waiting. */
    void add(long index, Request request) {
        pending.putIfAbsent(request.context(), new Pending(request, index, new HashMap<>()));
    }

    /** Records an acknowledgement; returns the acks so far, or null if the context is not pending. */
    Map<Long, Boolean> acknowledge(long from, ByteString context) {
        Pending p = pending.get(context);
        if (p == null) {
            return null;
        }
        p.acks().put(from, Boolean.TRUE);
        return p.acks();
    }

    /** Removes and returns the requests up to and including the one with {@code context}. */
    List<Pending> releaseThrough(ByteString context) {
        if (!pending.containsKey(context)) {
            return List.of();
        }
        List<Pending> released = new ArrayList<>();
        var it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            it.remove();
            released.add(p);
            if (p.request().context().equals(context)) {
                break;
            }
        }
        return released;
    }

    /** The newest pending context, so heartbeats retry it until a quorum answers; empty if none. */
    ByteString lastContext() {
        ByteString last = ByteString.EMPTY;
        for (ByteString c : pending.keySet()) {
            last = c;
        }
        return last;
    }
}
