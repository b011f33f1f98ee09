package dev.berth.app.store;

import com.google.protobuf.ByteString;
import dev.berth.store.client.RemoteStoreClient;
import dev.berth.store.client.StoreClientException;
import dev.berth.store.etcd.pb.PutRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writers putting unique keys ({@code key-N}, value {@code value-N}) through Berth's client, each put sorted by what
 * its answer proves: acknowledged (applied), refused for sure (the client's {@code Unavailable} or an etcd error:
 * nothing was applied) or unknown (may or may not have been applied). Bounded: each writer stops at
 * {@link #stop()} or after {@code maxPuts} puts in all.
 */
final class WriteLoad {
    static final String PREFIX = "key-";

    final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    final Set<String> unknown = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Thread> writers = new ArrayList<>();
    private final int maxPuts;

    private WriteLoad(int maxPuts) {
        this.maxPuts = maxPuts;
    }

    static WriteLoad start(RemoteStoreClient client, int writers, int maxPuts) {
        WriteLoad load = new WriteLoad(maxPuts);
        for (int w = 0; w < writers; w++) {
            Thread t = new Thread(() -> load.writeUntilStopped(client), "writer-" + w);
            t.start();
            load.writers.add(t);
        }
        return load;
    }

    /** Waits until {@code count} puts are acknowledged in all. */
    void awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline || !writing.get() && sequence.get() >= maxPuts) {
                throw new AssertionError(acknowledged.size() + " of " + count + " puts acknowledged within " + timeout
                        + " (" + refused.size() + " refused, " + unknown.size() + " unknown)");
            }
            Thread.sleep(10);
        }
    }

    void stop() throws InterruptedException {
        writing.set(false);
        for (Thread t : writers) {
            t.join(30_000);
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " still running 30 s after stop");
            }
        }
    }

    private void writeUntilStopped(RemoteStoreClient client) {
        while (writing.get()) {
            int n = sequence.incrementAndGet();
            if (n > maxPuts) {
                return;
            }
            String key = PREFIX + n;
            String value = "value-" + n;
            try {
                client.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8(value)).build())
                        .toCompletableFuture().get(60, TimeUnit.SECONDS);
                acknowledged.put(key, value);
            } catch (ExecutionException e) {
                boolean nothingApplied = e.getCause() instanceof StoreClientException.Unavailable
                        || e.getCause() instanceof StoreClientException.Refused;
                (nothingApplied ? refused : unknown).add(key);
            } catch (TimeoutException e) {
                unknown.add(key);
            } catch (InterruptedException e) {
                unknown.add(key);
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
