package dev.berth.app.bench.nodes;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each of the benchmark's pods was created (bound: it names its node) and when a watch on their namespace first
 * saw it Running: the kubelet's part of a pod start, as a client of the API sees it.
 */
final class PodStarts implements AutoCloseable {
    private static final String RUNNING = "Running";

    private final AtomicLongArray createdNanos;
    private final AtomicLongArray runningNanos;
    private final CountDownLatch allRunning;
    private WatchFromNow watch;

    private PodStarts(int pods) {
        createdNanos = new AtomicLongArray(pods);
        runningNanos = new AtomicLongArray(pods);
        allRunning = new CountDownLatch(pods);
    }

    /** Watches the namespace's pods from its current resourceVersion. */
    static PodStarts start(KubernetesClient client, String namespace, int pods) {
        PodStarts starts = new PodStarts(pods);
        starts.watch = WatchFromNow.start(client.pods().inNamespace(namespace), "pods", (action, pod) -> {
            if (pod.getStatus() != null && RUNNING.equals(pod.getStatus().getPhase())) {
                starts.running(NodesBenchmark.podIndex(pod.getMetadata().getName()), System.nanoTime());
            }
        });
        return starts;
    }

    /** Pod {@code index}'s create request goes out now. */
    void created(int index, long nowNanos) {
        createdNanos.set(index, nowNanos);
    }

    /** Pod {@code index} was seen Running; only the first sighting counts. */
    void running(int index, long nowNanos) {
        if (index >= 0 && index < runningNanos.length() && runningNanos.compareAndSet(index, 0, nowNanos)) {
            allRunning.countDown();
        }
    }

    /** Waits until every pod was seen Running or the deadline ({@link System#nanoTime()}) passed; true if all were. */
    boolean awaitAll(long deadlineNanos) throws InterruptedException {
        return allRunning.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    int runningCount() {
        return (int) (runningNanos.length() - allRunning.getCount());
    }

    /** From the first create request to the last pod seen Running (0 if none was). */
    long allRunningAfterNanos() {
        long first = Long.MAX_VALUE;
        long last = 0;
        for (int i = 0; i < createdNanos.length(); i++) {
            if (createdNanos.get(i) != 0) {
                first = Math.min(first, createdNanos.get(i));
            }
            last = Math.max(last, runningNanos.get(i));
        }
        return last == 0 ? 0 : last - first;
    }

    /** Create request to Running, of each pod seen Running, sorted. */
    long[] sortedStartNanos() {
        long[] starts = new long[runningCount()];
        int n = 0;
        for (int i = 0; i < runningNanos.length() && n < starts.length; i++) {
            if (runningNanos.get(i) != 0 && createdNanos.get(i) != 0) {
                starts[n++] = Math.max(0, runningNanos.get(i) - createdNanos.get(i));
            }
        }
        long[] sorted = Arrays.copyOf(starts, n);
        Arrays.sort(sorted);
        return sorted;
    }

    Optional<String> failure() {
        return watch.failure();
    }

    @Override
    public void close() {
        watch.close();
    }
}
