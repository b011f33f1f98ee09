package dev.berth.app.bench.store;

import dev.berth.app.UsageException;
import dev.berth.app.bench.BenchOutput;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code berth bench store}: the same etcd-API workload against Berth's store and etcd, side by side. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Run the same etcd v3 workload (put, linearizable and serializable single-key range, watch delivery, lease "
                + "keep-alive) against `berth store` and etcd clusters started as processes on loopback with the same timing "
                + "(heartbeat 100 ms, election 1000 ms, snapshot count 10000), requests and watch streams round-robin over every "
                + "member's client URL, keep-alives to the leader, and print throughput and p99 of both with the ratio berth/etcd. Before the "
                + "first measured cluster the client itself warms up, unmeasured, on a throwaway etcd cluster (--warmup-requests per row). "
                + "Berth members get the JVM options in BERTH_JAVA_OPTS, as ./berth passes them.",
        footer = {"", "Examples:", "  berth bench store --members 1,3 --clients 64 --requests 100000",
                "  berth bench store --members 3 --runs 5 --json"})
public final class StoreBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--members", split = ",", defaultValue = "1,3",
            description = "Cluster sizes to measure, comma-separated: 1, 3 or 5 each (default: ${DEFAULT-VALUE}).")
    List<Integer> members;

    @Option(names = "--rows", split = ",", defaultValue = "put,range-linearizable,range-serializable,watch-delivery,lease-keep-alive",
            description = "Rows to measure, comma-separated; they run in the default's order (default: ${DEFAULT-VALUE}).")
    List<String> rows;

    @Option(names = "--clients", defaultValue = "64", description = "Requests kept in flight (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", defaultValue = "100000", description = "Measured requests per row but the watch row's, as"
            + " etcd's performance guide measures its put and range rows with `benchmark --total=100000` (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--warmup-requests", description = "Unmeasured requests before each row, sent to both systems alike "
            + "(default: as many as --requests; the watch row's: as many as --watch-puts; 0 turns warm-up off). A JVM server "
            + "reaches steady state only after its JIT compiler has seen tens of thousands of requests, and on a small machine "
            + "the compiler's own work is measured as Berth's until then; the default measures the server past that, a short "
            + "warm-up (and --requests 20000) a freshly started one.")
    Integer warmupRequests;

    @Option(names = "--key-bytes", defaultValue = "8", description = "Bytes per key (default: ${DEFAULT-VALUE}).")
    int keyBytes;

    @Option(names = "--value-bytes", defaultValue = "256", description = "Bytes per put value (default: ${DEFAULT-VALUE}).")
    int valueBytes;

    @Option(names = "--watch-puts", defaultValue = "20000", description = "Measured puts of the watch row, after as many"
            + " unmeasured ones; its writer is paced by --watch-rate (default: ${DEFAULT-VALUE}).")
    int watchPuts;

    @Option(names = "--watch-rate", defaultValue = "1000",
            description = "Puts per second the watch row's one writer sends to its watchers (default: ${DEFAULT-VALUE}).")
    int watchRate;

    @Option(names = "--runs", defaultValue = "1", description = "Runs to take medians over; etcd goes first on even runs "
            + "(default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--data-dir", defaultValue = ".berth-bench",
            description = "Where the members' data dirs go; must be on the disk to measure, not tmpfs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--etcd", defaultValue = "/usr/bin/etcd", description = "The etcd 3.4 binary (default: ${DEFAULT-VALUE}).")
    Path etcd;

    @Option(names = "--timeout", defaultValue = "300",
            description = "Seconds to wait for a leader, and for each row, before giving up (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    BenchOutput output;

    @Override
    public Integer call() throws Exception {
        Workload workload = workload();
        List<Row> selected = Row.named(rows);
        if (!Files.isExecutable(etcd)) {
            throw new IllegalStateException("etcd not found at " + etcd + " (--etcd): apt-get install etcd-server,"
                    + " or point --etcd at an etcd 3.4 binary");
        }
        StoreBenchmark.Options options = new StoreBenchmark.Options(members, selected, workload, runs, dataDir.toAbsolutePath(),
                berthJar(), berthJavaOptions(), etcd);
        Files.createDirectories(dataDir);
        if ("tmpfs".equals(Files.getFileStore(dataDir).type())) {
            System.err.println("berth: warning: --data-dir " + dataDir + " is on tmpfs, so no fsync reaches a disk");
        }
        StoreBenchReport report = new StoreBenchmark(output.progress()).run(options);
        output.print(spec, report.toText(), report::toJson);
        return 0;
    }

    /** Checks every flag before anything starts; a bad one is a usage error naming it. */
    private Workload workload() {
        for (int m : members) {
            if (m != 1 && m != 3 && m != 5) {
                throw new UsageException("--members: each cluster size must be 1, 3 or 5, got " + m);
            }
        }
        if (new HashSet<>(members).size() != members.size()) {
            throw new UsageException("--members: a cluster size is given twice: " + members);
        }
        if (runs < 1) {
            throw new UsageException("--runs: must be at least 1, got " + runs);
        }
        return new Workload(clients, requests, warmupRequests == null ? requests : warmupRequests, keyBytes, valueBytes,
                watchPuts, watchRate, Duration.ofSeconds(timeoutSeconds));
    }

    /** {@code BERTH_JAVA_OPTS}, split at whitespace as the {@code berth} launcher's shell splits it. */
    private static List<String> berthJavaOptions() {
        String options = System.getenv("BERTH_JAVA_OPTS");
        return options == null || options.isBlank() ? List.of() : List.of(options.strip().split("\\s+"));
    }

    /** Berth members run from the jar this command runs from, so both sides of the comparison are this build. */
    private static Path berthJar() {
        Path source;
        try {
            source = Path.of(StoreBenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot locate the berth jar: " + e.getMessage(), e);
        }
        if (!Files.isRegularFile(source) || !source.toString().endsWith(".jar")) {
            throw new IllegalStateException("berth bench store starts members from the berth jar, but runs from " + source
                    + "; run it as java -jar scheduler-app/target/berth.jar (or ./berth)");
        }
        return source;
    }
}
