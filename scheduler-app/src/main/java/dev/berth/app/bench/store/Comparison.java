package dev.berth.app.bench.store;

/**
 * One row of the table: Berth next to etcd for one workload and cluster size. Ratios are Berth over etcd,
 * so a throughput ratio above 1 and a p99 ratio below 1 favour Berth.
 */
public record Comparison(int members, String row, Measurement berth, Measurement etcd) {

    double throughputRatio() {
        return berth.requestsPerSecond() / etcd.requestsPerSecond();
    }

    double p99Ratio() {
        return berth.p99Millis() / etcd.p99Millis();
    }
}
