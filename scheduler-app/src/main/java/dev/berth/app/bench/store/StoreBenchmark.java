package dev.berth.app.bench.store;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Runs every row against Berth and etcd, one cluster at a time on the same machine with the same client
 * code, and reports medians over runs. The client JVM is warmed first ({@link #warmClient}), and the system
 * that goes first alternates between runs (etcd first on even runs), so neither always meets the page cache
 * the other left behind.
 */
public final class StoreBenchmark {
    /** What to run. */
    public record Options(List<Integer> memberCounts, List<Row> rows, Workload workload, int runs, Path dataDir, Path berthJar,
                          List<String> berthJavaOptions, Path etcdBinary) {
        public Options {
            memberCounts = List.copyOf(memberCounts);
            rows = List.copyOf(rows);
            berthJavaOptions = List.copyOf(berthJavaOptions);
        }
    }

    private record Cell(int members, Row row, StoreSystem system) {
    }

    private final PrintStream progress;

    /** @param progress where to report each row as it finishes, or null for silence */
    public StoreBenchmark(PrintStream progress) {
        this.progress = progress;
    }

    public StoreBenchReport run(Options options) throws Exception {
        Map<Cell, List<Measurement>> results = new HashMap<>();
        Vertx vertx = Vertx.vertx();
        try {
            BenchClient client = BenchClient.create(vertx);
            warmClient(client, options);
            for (int run = 1; run <= options.runs(); run++) {
                List<StoreSystem> order = run % 2 == 0 ? List.of(StoreSystem.ETCD, StoreSystem.BERTH)
                        : List.of(StoreSystem.BERTH, StoreSystem.ETCD);
                for (int members : options.memberCounts()) {
                    for (StoreSystem system : order) {
                        measure(run, members, system, client, options, results);
                    }
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        List<Comparison> rows = new ArrayList<>();
        for (int members : options.memberCounts()) {
            for (Row row : options.rows()) {
                rows.add(new Comparison(members, row.label(), Measurement.median(results.get(new Cell(members, row, StoreSystem.BERTH))),
                        Measurement.median(results.get(new Cell(members, row, StoreSystem.ETCD)))));
            }
        }
        return new StoreBenchReport(options.workload(), options.runs(), rows);
    }

    /**
     * Sends every row's warm-up count once, unmeasured, against a throwaway etcd cluster of the first member count,
     * before any measured cluster starts. The client is a JVM too: cold, it compiles during the first measured
     * cluster's rows and slows whichever system goes first (three-member put, one run: etcd measured second
     * gave 6,619 req/s, first in the next run 9,870). etcd has no JIT and its cluster is deleted, so nothing of this
     * carries over to either measured system.
     */
    private void warmClient(BenchClient client, Options options) throws Exception {
        Workload workload = options.workload();
        if (!workload.warmsUp()) {
            return;
        }
        int members = options.memberCounts().get(0);
        long started = System.nanoTime();
        onCluster(StoreSystem.ETCD, members, client, options, workload.clientWarmUp(), (row, m) -> { });
        if (progress != null) {
            progress.printf(Locale.ROOT, "client warm-up: %d requests per row against a %d-member etcd cluster, not measured (%.0f s)%n",
                    workload.warmupRequests(), members, (System.nanoTime() - started) / 1e9);
        }
    }

    private void measure(int run, int members, StoreSystem system, BenchClient client, Options options,
                         Map<Cell, List<Measurement>> results) throws Exception {
        onCluster(system, members, client, options, options.workload(), (row, m) -> {
            results.computeIfAbsent(new Cell(members, row, system), c -> new ArrayList<>()).add(m);
            if (progress != null) {
                progress.printf(Locale.ROOT, "run %d, %d member(s), %-5s %-18s %10.0f req/s  p99 %7.2f ms  (p50 %.2f, p99.9 %.2f,"
                                + " max %.2f ms)%n", run, members, system.label(), row.label(), m.requestsPerSecond(),
                        m.p99Millis(), m.p50Millis(), m.p999Millis(), m.maxMillis());
            }
        });
    }

    /** Starts a fresh cluster of {@code system}, runs every selected row on it with {@code workload}, and deletes it. */
    private static void onCluster(StoreSystem system, int members, BenchClient client, Options options, Workload workload,
                                  BiConsumer<Row, Measurement> measured) throws Exception {
        List<String> launcher = system.launcher(options.berthJar(), options.berthJavaOptions(), options.etcdBinary());
        try (BenchCluster cluster = BenchCluster.start(system, members, options.dataDir(), launcher, ClusterTiming.DEFAULT)) {
            Endpoints endpoints = cluster.awaitLeader(client, workload.timeout());
            for (Row row : options.rows()) {
                measured.accept(row, row.measure(endpoints, workload));
            }
        }
    }
}
