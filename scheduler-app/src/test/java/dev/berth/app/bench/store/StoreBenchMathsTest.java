package dev.berth.app.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The figures the table prints: nearest-rank p99, throughput, medians over runs, Berth/etcd ratios, and the table itself. */
class StoreBenchMathsTest {
    private static final Workload WORKLOAD = new Workload(4, 100, 100, 8, 16, 50, 500, Duration.ofSeconds(10));

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
        assertThat(m.p50Millis()).isCloseTo(100.0, within(1e-9));
        assertThat(m.p999Millis()).as("ceil(0.999 x 200) = 200th value").isCloseTo(200.0, within(1e-9));
        assertThat(m.maxMillis()).isCloseTo(200.0, within(1e-9));
        assertThat(latencies[0]).as("the caller's array is left unsorted").isEqualTo(200_000_000L);
    }

    @Test
    void mediansAreTakenPerFigure() {
        List<Measurement> runs = List.of(new Measurement(100, 3, 9, 20, 30), new Measurement(300, 1, 1, 40, 10),
                new Measurement(200, 2, 5, 10, 50));
        assertThat(Measurement.median(runs)).isEqualTo(new Measurement(200, 2, 5, 20, 30));
        assertThat(Measurement.median(List.of(measurement(100, 2), measurement(300, 4)))).isEqualTo(measurement(200, 3));
    }

    @Test
    void ratiosAreBerthOverEtcd() {
        Comparison c = new Comparison(3, "put", measurement(500, 20), measurement(1000, 10));
        assertThat(c.throughputRatio()).isEqualTo(0.5);
        assertThat(c.p99Ratio()).isEqualTo(2.0);
    }

    @Test
    void tableHasOneLinePerRowAndJsonHasEveryFigure() throws Exception {
        StoreBenchReport report = new StoreBenchReport(WORKLOAD, 3, List.of(
                new Comparison(1, "put", measurement(1500, 4), measurement(3000, 2)),
                new Comparison(3, "range serializable", measurement(9000, 1), measurement(6000, 2))));

        List<String> lines = report.toText().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).contains("100 requests per row after 100 unmeasured", "4 in flight", "8-byte keys", "16-byte values", "median of 3 run(s)");
        assertThat(lines.get(1)).contains("4 watchers", "500 puts/s", "4 leases");
        assertThat(lines.get(3)).matches("1\\s+put\\s+\\|\\s+1500\\s+3000\\s+0\\.50 \\|\\s+4\\.00 ms\\s+2\\.00 ms\\s+2\\.00");
        assertThat(lines.get(4)).matches("3\\s+range serializable\\s+\\|\\s+9000\\s+6000\\s+1\\.50 \\|\\s+1\\.00 ms\\s+2\\.00 ms\\s+0\\.50");

        JsonNode json = JsonMapper.builder().build().readTree(report.toJson());
        assertThat(json.get("runs").asInt()).isEqualTo(3);
        assertThat(json.get("watchPutsPerSecond").asInt()).isEqualTo(500);
        assertThat(json.get("watchPuts").asInt()).isEqualTo(50);
        assertThat(json.get("rows")).hasSize(2);
        JsonNode put = json.get("rows").get(0);
        assertThat(put.get("row").asString()).isEqualTo("put");
        assertThat(put.get("berth").get("requestsPerSecond").asDouble()).isEqualTo(1500.0);
        assertThat(put.get("etcd").get("p99Ms").asDouble()).isEqualTo(2.0);
        assertThat(put.get("etcd").get("p50Ms").asDouble()).isEqualTo(1.0);
        assertThat(put.get("etcd").get("p999Ms").asDouble()).isEqualTo(4.0);
        assertThat(put.get("etcd").get("maxMs").asDouble()).isEqualTo(6.0);
        assertThat(put.get("throughputRatio").asDouble()).isEqualTo(0.5);
        assertThat(put.get("p99Ratio").asDouble()).isEqualTo(2.0);
    }

    @Test
    void theClientWarmUpSendsTheWarmUpCountMeasuredOnceAndKeepsEverythingElse() {
        Workload workload = new Workload(4, 100, 700, 8, 16, 50, 500, Duration.ofSeconds(10));

        Workload clientWarmUp = workload.clientWarmUp();

        assertThat(clientWarmUp).isEqualTo(new Workload(4, 700, 0, 8, 16, 50, 500, Duration.ofSeconds(10)));
    }

    @Test
    void theWatchRowWarmsUpWithAsManyPutsAsItMeasuresUnlessWarmUpIsOff() {
        assertThat(new Workload(4, 100, 700, 8, 16, 50, 500, Duration.ofSeconds(10)).watchWarmupPuts()).isEqualTo(50);
        assertThat(new Workload(4, 100, 0, 8, 16, 50, 500, Duration.ofSeconds(10)).watchWarmupPuts()).isZero();
    }

    @Test
    void keysArePaddedToKeyBytesAndWrapWhenTheyOutgrowIt() {
        assertThat(WORKLOAD.key(42).toStringUtf8()).isEqualTo("00000042");
        assertThat(new Workload(1, 1, 1, 3, 0, 1, 1, Duration.ofSeconds(1)).key(12345).toStringUtf8()).isEqualTo("345");
        assertThat(WORKLOAD.value().size()).isEqualTo(16);
    }

    @Test
    void rowsRunPutsFirstSoRangesFindTheirKeys() {
        assertThat(Row.all()).extracting(Row::label)
                .containsExactly("put", "range linearizable", "range serializable", "watch delivery", "lease keep-alive");
    }

    @Test
    void fixedRateSpacesSendsEvenlyFromTheStart() {
        FixedRate rate = new FixedRate(5_000, 1_000);
        assertThat(rate.dueNanos(0)).isEqualTo(5_000);
        assertThat(rate.dueNanos(3)).isEqualTo(5_000 + 3_000_000);
        assertThat(new FixedRate(0, 3).dueNanos(2)).as("no drift from rounding each gap").isEqualTo(666_666_666);
        assertThat(new FixedRate(0, 1).dueNanos(10_000_000)).as("no overflow over long runs").isEqualTo(10_000_000_000_000_000L);
    }

    @Test
    void watchLatencyRunsFromThePutsSendToEachWatchersArrival() throws Exception {
        Deliveries round = new Deliveries(100, 2);
        for (int put = 0; put < 100; put++) {
            round.sent(put, 1_000_000_000L + put * 10_000_000L);
        }
        for (int put = 0; put < 100; put++) {
            long sent = 1_000_000_000L + put * 10_000_000L;
            round.arrived(put, 0, sent + (put + 1) * 1_000_000L);
            round.arrived(put, 1, sent + 500_000L);
        }

        Measurement m = round.await(Duration.ofSeconds(1));

        assertThat(m.p99Millis()).as("the 198th of 200 sorted latencies: 100 of 0.5 ms, then 1 to 98 ms").isCloseTo(98.0, within(1e-9));
        long wall = 99 * 10_000_000L + 100 * 1_000_000L;
        assertThat(m.requestsPerSecond()).as("200 events from the first send to the last arrival").isCloseTo(200 / (wall / 1e9), within(1e-6));
    }

    @Test
    void aDuplicateOrMissingWatchEventFailsTheRow() {
        Deliveries duplicate = new Deliveries(1, 2);
        duplicate.sent(0, 10);
        duplicate.arrived(0, 0, 20);
        duplicate.arrived(0, 0, 30);
        assertThatThrownBy(() -> duplicate.await(Duration.ofMillis(50))).hasMessageContaining("received put 0 twice");

        Deliveries early = new Deliveries(1, 1);
        early.arrived(0, 0, 20);
        assertThatThrownBy(() -> early.await(Duration.ofMillis(50))).hasMessageContaining("before it was sent");

        Deliveries missing = new Deliveries(2, 1);
        missing.sent(0, 10);
        missing.sent(1, 20);
        missing.arrived(0, 0, 30);
        assertThatThrownBy(() -> missing.await(Duration.ofMillis(50))).hasMessageContaining("1 of 2 watch events still missing");
    }

    @Test
    void watchKeysNameTheirRoundAndPut() {
        assertThat(WatchRow.key(1, 42).toStringUtf8()).isEqualTo("bench-watch/1/0000000042");
        assertThat(WatchRow.roundOf(WatchRow.key(1, 42))).isEqualTo(1);
        assertThat(WatchRow.putOf(WatchRow.key(1, 42))).isEqualTo(42);
    }

    @Test
    void keepAliveRoundHandsOutEachRequestOnceAndTimesTheAnswers() throws Exception {
        KeepAliveRound round = new KeepAliveRound(3);
        round.start();
        int first = round.take();
        int second = round.take();
        int third = round.take();
        assertThat(List.of(first, second, third)).containsExactly(0, 1, 2);
        assertThat(round.take()).isEqualTo(KeepAliveRound.NONE_LEFT);
        round.answered(first, 1_000_000);
        round.answered(second, 2_000_000);
        round.answered(third, 9_000_000);

        Measurement m = round.await(Duration.ofSeconds(1));

        assertThat(m.p99Millis()).isCloseTo(9.0, within(1e-9));
        assertThat(m.requestsPerSecond()).isPositive();
    }

    @Test
    void anUnansweredOrFailedKeepAliveFailsTheRow() {
        KeepAliveRound unanswered = new KeepAliveRound(2);
        unanswered.start();
        unanswered.answered(unanswered.take(), 1_000);
        assertThatThrownBy(() -> unanswered.await(Duration.ofMillis(50))).hasMessageContaining("1 of 2 keep-alives still unanswered");

        KeepAliveRound failed = new KeepAliveRound(1);
        failed.start();
        failed.fail("lease 7 is gone");
        assertThatThrownBy(() -> failed.await(Duration.ofSeconds(5))).hasMessageContaining("lease 7 is gone");
    }

    /** A measurement whose other latencies follow from its p99: half, twice and three times it. */
    private static Measurement measurement(double requestsPerSecond, double p99Millis) {
        return new Measurement(requestsPerSecond, p99Millis / 2, p99Millis, p99Millis * 2, p99Millis * 3);
    }
}
