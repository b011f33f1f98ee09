package dev.berth.app.bench.store;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The medians of every row as a table for people and one JSON object for scripts. */
public record StoreBenchReport(Workload workload, int runs, List<Comparison> rows) {

    String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "berth bench store: %d requests per row after %d unmeasured, %d in flight, %d-byte keys,"
                + " %d-byte values, median of %d run(s); requests round-robin over every member's client URL%n", workload.requests(),
                workload.warmupRequests(), workload.clients(), workload.keyBytes(), workload.valueBytes(), runs));
        b.append(String.format(Locale.ROOT, "watch delivery: %d watchers, one writer putting %d keys at %d puts/s after as many"
                + " unmeasured, req/s = events received per second, p99 from put sent to event received; lease keep-alive: %d"
                + " leases, one keep-alive in flight each, to the leader%n", workload.clients(), workload.watchPuts(),
                workload.watchPutsPerSecond(), workload.clients()));
        b.append(String.format(Locale.ROOT, "%-7s %-18s | %12s %12s %6s | %10s %10s %6s%n", "members", "row", "berth req/s",
                "etcd req/s", "ratio", "berth p99", "etcd p99", "ratio"));
        for (Comparison c : rows) {
            b.append(String.format(Locale.ROOT, "%-7d %-18s | %12.0f %12.0f %6.2f | %7.2f ms %7.2f ms %6.2f%n", c.members(), c.row(),
                    c.berth().requestsPerSecond(), c.etcd().requestsPerSecond(), c.throughputRatio(), c.berth().p99Millis(),
                    c.etcd().p99Millis(), c.p99Ratio()));
        }
        b.append("ratio = berth / etcd: throughput above 1 and p99 below 1 favour berth");
        return b.toString();
    }

    String toJson() {
        String rowsJson = rows.stream().map(c -> String.format(Locale.ROOT,
                "{\"members\":%d,\"row\":\"%s\",\"berth\":%s,\"etcd\":%s,\"throughputRatio\":%.4f,\"p99Ratio\":%.4f}",
                c.members(), c.row(), json(c.berth()), json(c.etcd()), c.throughputRatio(), c.p99Ratio()))
                .collect(Collectors.joining(",", "[", "]"));
        return String.format(Locale.ROOT, "{\"requests\":%d,\"warmupRequests\":%d,\"clients\":%d,\"keyBytes\":%d,\"valueBytes\":%d,"
                + "\"watchPuts\":%d,\"watchPutsPerSecond\":%d,\"runs\":%d,\"rows\":%s}", workload.requests(),
                workload.warmupRequests(), workload.clients(), workload.keyBytes(), workload.valueBytes(), workload.watchPuts(),
                workload.watchPutsPerSecond(), runs, rowsJson);
    }

    private static String json(Measurement m) {
        return String.format(Locale.ROOT, "{\"requestsPerSecond\":%.1f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"p999Ms\":%.3f,\"maxMs\":%.3f}",
                m.requestsPerSecond(), m.p50Millis(), m.p99Millis(), m.p999Millis(), m.maxMillis());
    }
}
