package dev.berth.store.bench;

import com.google.protobuf.ByteString;
import dev.berth.store.DirectoryTrees;
import dev.berth.store.LoopbackPorts;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StateMachine;
import dev.berth.store.server.StoreNode;
import dev.berth.store.server.StoreNodeConfig;
import dev.berth.store.wal.FsyncProbe;
import dev.berth.store.wal.WalOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Committed proposals per second and commit latency of a store cluster on loopback, with fsync on, next
 * to the disk's raw fsync rate measured in the same run (group commit is bounded by it). Members run in
 * this JVM but talk over TCP and write real WALs, so the numbers include the transport and the disk.
 */
public final class RaftBenchmark {
    /** What to run. */
    public record Options(int members, int proposals, int clients, int valueBytes, Path dataDir, Duration timeout) {
        public Options {
            if (members != 1 && members != 3 && members != 5) {
                throw new IllegalArgumentException("--members: must be 1, 3 or 5, got " + members);
            }
            if (proposals < 1) {
                throw new IllegalArgumentException("--proposals: must be at least 1, got " + proposals);
            }
            if (clients < 1) {
                throw new IllegalArgumentException("--clients: must be at least 1, got " + clients);
            }
            if (valueBytes < 0) {
                throw new IllegalArgumentException("--value-bytes: must not be negative, got " + valueBytes);
            }
        }
    }

    /** One run's figures. */
    public record Result(int members, int proposals, int clients, double proposalsPerSecond, double p50Millis,
                         double p99Millis, double diskFsyncsPerSecond, double diskFsyncP50Millis) {
        public String toText() {
            return String.format("raft members=%d proposals=%d clients=%d: %.0f committed proposals/s, commit latency p50 %.2f ms p99 %.2f ms;"
                    + " disk: %.0f fsyncs/s (p50 %.2f ms)", members, proposals, clients, proposalsPerSecond, p50Millis, p99Millis,
                    diskFsyncsPerSecond, diskFsyncP50Millis);
        }

        public String toJson() {
            return String.format("{\"members\":%d,\"proposals\":%d,\"clients\":%d,\"proposalsPerSecond\":%.1f,"
                    + "\"commitLatencyMs\":{\"p50\":%.3f,\"p99\":%.3f},\"diskFsyncsPerSecond\":%.1f,\"diskFsyncP50Ms\":%.3f}",
                    members, proposals, clients, proposalsPerSecond, p50Millis, p99Millis, diskFsyncsPerSecond, diskFsyncP50Millis);
        }
    }

    /** Counts applied commands; the benchmark measures replication, not a state machine. */
    private static final class CountingStateMachine implements StateMachine {
        final AtomicLong applied = new AtomicLong();

        @Override
        public Object apply(long index, ByteString command) {
            applied.incrementAndGet();
            return index;
        }

        @Override
        public ByteString snapshot() {
            return ByteString.EMPTY;
        }

        @Override
        public void restore(long index, ByteString snapshot) {
            applied.set(0);
        }
    }

    public Result run(Options options) throws Exception {
        Files.createDirectories(options.dataDir());
        FsyncProbe.Result disk = FsyncProbe.measure(options.dataDir(), 2_000, Duration.ofSeconds(3));
        Vertx vertx = Vertx.vertx();
        List<StoreNode> nodes = new ArrayList<>();
        Path runDir = Files.createTempDirectory(options.dataDir(), "raft-bench-");
        try {
            Map<String, URI> cluster = new LinkedHashMap<>();
            for (int i = 1; i <= options.members(); i++) {
                cluster.put("m" + i, URI.create("http://127.0.0.1:" + LoopbackPorts.free()));
            }
            for (String name : cluster.keySet()) {
                StoreNodeConfig config = new StoreNodeConfig(name, runDir.resolve(name), cluster.get(name), cluster.get(name),
                        cluster, true, "bench", Duration.ofMillis(100), 10, 1_000_000, options.timeout(), WalOptions.defaults());
                nodes.add(StoreNode.start(config, new CountingStateMachine(), vertx));
            }
            StoreNode leader = awaitLeader(nodes, options.timeout());
            ByteString value = ByteString.copyFrom(new byte[options.valueBytes()]);
            propose(leader, value, Math.min(options.proposals(), 200), options.clients(), options.timeout());
            long[] latencies = new long[options.proposals()];
            long start = System.nanoTime();
            propose(leader, value, latencies, options.clients(), options.timeout());
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            return new Result(options.members(), options.proposals(), options.clients(), options.proposals() / seconds,
                    percentile(latencies, 0.50), percentile(latencies, 0.99), disk.fsyncsPerSecond(), disk.p50Micros() / 1000.0);
        } finally {
            nodes.forEach(StoreNode::close);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            DirectoryTrees.delete(runDir);
        }
    }


    private static void propose(StoreNode leader, ByteString value, int count, int clients, Duration timeout) throws Exception {
        propose(leader, value, new long[count], clients, timeout);
    }

    /** Keeps {@code clients} proposals in flight until all are committed; records each one's latency. */
    private static void propose(StoreNode leader, ByteString value, long[] latencies, int clients, Duration timeout) throws Exception {
        Semaphore inFlight = new Semaphore(clients);
        List<CompletableFuture<Object>> all = new ArrayList<>(latencies.length);
        for (int i = 0; i < latencies.length; i++) {
            if (!inFlight.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no proposal committed within " + timeout + "; is the cluster healthy?");
            }
            int slot = i;
            long sent = System.nanoTime();
            all.add(leader.propose(value).whenComplete((r, e) -> {
                latencies[slot] = System.nanoTime() - sent;
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static StoreNode awaitLeader(List<StoreNode> nodes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (StoreNode n : nodes) {
                if (n.status().role() == RoleKind.LEADER) {
                    return n;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no leader elected within " + timeout);
    }

    private static double percentile(long[] sortedNanos, double q) {
        int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, i)] / 1e6;
    }

}
