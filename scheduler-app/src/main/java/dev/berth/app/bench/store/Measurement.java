package dev.berth.app.bench.store;

import java.util.Arrays;
import java.util.List;

/** One row's figures for one system in one run: throughput and tail latency. */
public record Measurement(double requestsPerSecond, double p99Millis) {

    /** From each request's latency and the wall time the whole row took. */
    public static Measurement of(long[] latencyNanos, long elapsedNanos) {
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        return new Measurement(sorted.length / (elapsedNanos / 1e9), percentile(sorted, 0.99) / 1e6);
    }

    /**
     * Nearest-rank percentile of sorted values: the smallest value at or above which a fraction {@code q}
     * of the values lie (what etcd's benchmark tool and HdrHistogram report).
     */
    public static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Throughput and p99 medians taken separately over runs, so one noisy run moves neither. */
    static Measurement median(List<Measurement> runs) {
        return new Measurement(median(runs.stream().mapToDouble(Measurement::requestsPerSecond).toArray()),
                median(runs.stream().mapToDouble(Measurement::p99Millis).toArray()));
    }

    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
