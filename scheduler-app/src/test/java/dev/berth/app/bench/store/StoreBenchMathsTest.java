package dev.berth.app.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The figures the table prints: nearest-rank p99, throughput, medians over runs, Berth/etcd ratios, and the table itself. */
class StoreBenchMathsTest {
    private static final Workload WORKLOAD = new Workload(4, 100, 8, 16, Duration.ofSeconds(10));

    @Test
    void p99IsTheNearestRank() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Measurement.percentile(oneToHundred, 0.99)).isEqualTo(99);
        assertThat(Measurement.percentile(oneToHundred, 0.50)).isEqualTo(50);
        assertThat(Measurement.percentile(new long[] {7}, 0.99)).isEqualTo(7);
        long[] tenValues = LongStream.rangeClosed(1, 10).toArray();
        assertThat(Measurement.percentile(tenValues, 0.99)).as("ceil(0.99 x 10) = 10th value").isEqualTo(10);
    }

    @Test
    void measurementIsRequestsOverWallTimeAndP99InMillis() {
        long[] latencies = LongStream.rangeClosed(1, 200).map(i -> (201 - i) * 1_000_000L).toArray();

        Measurement m = Measurement.of(latencies, 2_000_000_000L);

        assertThat(m.requestsPerSecond()).isCloseTo(100.0, within(1e-9));
        assertThat(m.p99Millis()).isCloseTo(198.0, within(1e-9));
        assertThat(latencies[0]).as("the caller's array is left unsorted").isEqualTo(200_000_000L);
    }

    @Test
    void mediansAreTakenPerFigure() {
        List<Measurement> runs = List.of(new Measurement(100, 9), new Measurement(300, 1), new Measurement(200, 5));
        assertThat(Measurement.median(runs)).isEqualTo(new Measurement(200, 5));
        assertThat(Measurement.median(List.of(new Measurement(100, 2), new Measurement(300, 4)))).isEqualTo(new Measurement(200, 3));
    }

    @Test
    void ratiosAreBerthOverEtcd() {
        Comparison c = new Comparison(3, "put", new Measurement(500, 20), new Measurement(1000, 10));
        assertThat(c.throughputRatio()).isEqualTo(0.5);
        assertThat(c.p99Ratio()).isEqualTo(2.0);
    }

    @Test
    void tableHasOneLinePerRowAndJsonHasEveryFigure() throws Exception {
        StoreBenchReport report = new StoreBenchReport(WORKLOAD, 3, List.of(
                new Comparison(1, "put", new Measurement(1500, 4), new Measurement(3000, 2)),
                new Comparison(3, "range serializable", new Measurement(9000, 1), new Measurement(6000, 2))));

        List<String> lines = report.toText().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("100 requests per row", "4 in flight", "8-byte keys", "16-byte values", "median of 3 run(s)");
        assertThat(lines.get(2)).matches("1\\s+put\\s+\\|\\s+1500\\s+3000\\s+0\\.50 \\|\\s+4\\.00 ms\\s+2\\.00 ms\\s+2\\.00");
        assertThat(lines.get(3)).matches("3\\s+range serializable\\s+\\|\\s+9000\\s+6000\\s+1\\.50 \\|\\s+1\\.00 ms\\s+2\\.00 ms\\s+0\\.50");

        JsonNode json = JsonMapper.builder().build().readTree(report.toJson());
        assertThat(json.get("runs").asInt()).isEqualTo(3);
        assertThat(json.get("rows")).hasSize(2);
        JsonNode put = json.get("rows").get(0);
        assertThat(put.get("row").asString()).isEqualTo("put");
        assertThat(put.get("berth").get("requestsPerSecond").asDouble()).isEqualTo(1500.0);
        assertThat(put.get("etcd").get("p99Ms").asDouble()).isEqualTo(2.0);
        assertThat(put.get("throughputRatio").asDouble()).isEqualTo(0.5);
        assertThat(put.get("p99Ratio").asDouble()).isEqualTo(2.0);
    }

    @Test
    void keysArePaddedToKeyBytesAndWrapWhenTheyOutgrowIt() {
        assertThat(WORKLOAD.key(42).toStringUtf8()).isEqualTo("00000042");
        assertThat(new Workload(1, 1, 3, 0, Duration.ofSeconds(1)).key(12345).toStringUtf8()).isEqualTo("345");
        assertThat(WORKLOAD.value().size()).isEqualTo(16);
    }

    @Test
    void rowsRunPutsFirstSoRangesFindTheirKeys() {
        assertThat(Row.ALL).extracting(Row::label).containsExactly("put", "range linearizable", "range serializable");
    }
}
