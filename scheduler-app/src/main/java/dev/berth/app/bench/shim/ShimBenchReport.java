package dev.berth.app.bench.shim;

import dev.berth.app.bench.store.Measurement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code berth bench shim} measured, as a table for people and one JSON object for scripts. */
public record ShimBenchReport(ShimBenchmark.Options options, List<Row> rows, long heapInUseBytes) {

    /** One operation's figures: how many were sent, and their throughput and p99. */
    public record Row(String name, int requests, Measurement measurement) {
    }

    String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "berth bench shim: %d nodes and %d pods stored through fabric8 over HTTPS, %d clients;"
                + " list = all pods of the namespace in one answer (%d clients); watch delivery = one watch on the pods, %d"
                + " patches/s, p99 from patch sent to event received%n", options.nodes(), options.pods(), options.clients(),
                options.listClients(), options.watchRate()));
        b.append(String.format(Locale.ROOT, "%-15s %9s %12s %10s%n", "row", "requests", "per second", "p99"));
        for (Row row : rows) {
            b.append(String.format(Locale.ROOT, "%-15s %9d %12.0f %7.2f ms%n", row.name(), row.requests(),
                    row.measurement().requestsPerSecond(), row.measurement().p99Millis()));
        }
        b.append(String.format(Locale.ROOT, "heap in use after a full GC, store + shim + client, all objects stored: %.1f MiB",
                heapInUseBytes / (1024.0 * 1024.0)));
        return b.toString();
    }

    String toJson() {
        String rowsJson = rows.stream().map(r -> String.format(Locale.ROOT,
                "{\"row\":\"%s\",\"requests\":%d,\"perSecond\":%.1f,\"p99Ms\":%.3f}", r.name(), r.requests(),
                r.measurement().requestsPerSecond(), r.measurement().p99Millis())).collect(Collectors.joining(",", "[", "]"));
        return String.format(Locale.ROOT, "{\"nodes\":%d,\"pods\":%d,\"clients\":%d,\"rows\":%s,\"heapInUseBytes\":%d}",
                options.nodes(), options.pods(), options.clients(), rowsJson, heapInUseBytes);
    }
}
