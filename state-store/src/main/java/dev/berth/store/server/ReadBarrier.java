package dev.berth.store.server;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.ReadState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Linearizable reads, batched as etcd batches them: one ReadIndex request in flight at a time, and all reads that
 * arrive while it is answered share the next; each read completes once this member has applied up to the index the
 * leader confirmed. Every ReadIndex costs the leader a heartbeat round to all followers, so a request per loop turn
 * (as before) made many small rounds under load where one per round trip suffices. A request still unanswered in a
 * later tick (the leader may have dropped it) no longer holds the next one back. Used on the Raft thread only.
 */
final class ReadBarrier {
    private List<CompletableFuture<Long>> arriving = new ArrayList<>();
    private final Map<ByteString, List<CompletableFuture<Long>>> asked = new HashMap<>();
    private final Map<ByteString, Long> askedAtTick = new HashMap<>();
    private final TreeMap<Long, List<CompletableFuture<Long>>> waitingForApply = new TreeMap<>();
    private long nextContext;
    private long newestAskedTick = Long.MIN_VALUE;

    void add(CompletableFuture<Long> read) {
        arriving.add(read);
    }

    /**
     * Sends one ReadIndex request, through {@code readIndex}, for the reads that arrived since the last one — unless a
     * request sent in this same tick is still unanswered: then they wait for its answer (or the next tick).
     */
    void flush(Consumer<ByteString> readIndex, long tick) {
        if (arriving.isEmpty() || (!asked.isEmpty() && newestAskedTick == tick)) {
            return;
        }
        List<CompletableFuture<Long>> batch = arriving;
        arriving = new ArrayList<>();
        ByteString context = ByteString.copyFrom(ByteBuffer.allocate(8).putLong(++nextContext).flip());
        try {
            readIndex.accept(context);
            asked.put(context, batch);
            askedAtTick.put(context, tick);
            newestAskedTick = tick;
        } catch (RuntimeException noLeader) {
            StoreException failure = new StoreException.Unavailable("no leader to confirm a linearizable read; retry", noLeader);
            batch.forEach(f -> f.completeExceptionally(failure));
        }
    }

    void onReadState(ReadState state, long applied) {
        List<CompletableFuture<Long>> batch = asked.remove(state.context());
        askedAtTick.remove(state.context());
        if (batch == null) {
            return;
        }
        if (applied >= state.index()) {
            batch.forEach(f -> f.complete(state.index()));
        } else {
            waitingForApply.computeIfAbsent(state.index(), i -> new ArrayList<>()).addAll(batch);
        }
    }

    void onApplied(long applied) {
        while (!waitingForApply.isEmpty() && waitingForApply.firstKey() <= applied) {
            var e = waitingForApply.pollFirstEntry();
            e.getValue().forEach(f -> f.complete(e.getKey()));
        }
    }

    /** Forgets requests whose answer was lost (a leader change drops them); their callers time out. */
    void expire(long tick, long maxAgeTicks) {
        Iterator<Map.Entry<ByteString, Long>> it = askedAtTick.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (tick - e.getValue() > maxAgeTicks) {
                List<CompletableFuture<Long>> batch = asked.remove(e.getKey());
                it.remove();
                StoreException lost = new StoreException.Timeout("linearizable read not confirmed by a leader in time; retry");
                batch.forEach(f -> f.completeExceptionally(lost));
            }
        }
    }

    void failAll(StoreException cause) {
        arriving.forEach(f -> f.completeExceptionally(cause));
        asked.values().forEach(b -> b.forEach(f -> f.completeExceptionally(cause)));
        waitingForApply.values().forEach(b -> b.forEach(f -> f.completeExceptionally(cause)));
        arriving.clear();
        asked.clear();
        askedAtTick.clear();
        waitingForApply.clear();
    }
}
