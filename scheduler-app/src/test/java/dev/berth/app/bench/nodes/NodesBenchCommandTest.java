package dev.berth.app.bench.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.CommandOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code berth bench nodes}: a small run over real HTTPS reports sane figures in every row and meets the target; a
 * run whose kubelet stops on one node sees that node's Lease lapse and exits 1 saying so; bad flags exit 2 naming
 * the flag. Heartbeats of 2-3 s keep the runs short; their Leases last four times that, room enough on a busy machine.
 */
class NodesBenchCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void aSmallRunReportsEveryRowAndMeetsTheTarget() throws Exception {
        CommandOutput out = CommandOutput.run("bench", "nodes", "--nodes", "50", "--pods", "500", "--heartbeat", "3",
                "--hold", "7", "--kubelet-workers", "4", "--clients", "8", "--timeout", "240", "--data-dir", dir.toString(),
                "--json");
        assertThat(out.exitCode()).as(out.stdout() + out.stderr()).isZero();
        JsonNode report = lastLine(out);
        assertThat(report.path("nodes").asInt()).isEqualTo(50);
        assertThat(report.path("pods").asInt()).isEqualTo(500);
        assertThat(report.path("leaseDurationSeconds").asInt()).isEqualTo(12);
        assertPhase(report.path("registration"), 50);
        assertPhase(report.path("podCreation"), 500);
        assertThat(report.path("podCreateErrors").asLong()).isZero();

        JsonNode pods = report.path("podStarts");
        assertThat(pods.path("running").asInt()).isEqualTo(500);
        assertThat(pods.path("allRunningSeconds").asDouble()).isPositive()
                .isLessThan(report.path("seconds").asDouble());
        assertThat(pods.path("perSecond").asDouble()).isPositive();
        assertThat(pods.path("p50Ms").asDouble()).isPositive().isLessThanOrEqualTo(pods.path("p99Ms").asDouble());

        JsonNode heartbeats = report.path("heartbeats");
        // Every node renews at least once during the 7 s hold alone.
        assertThat(heartbeats.path("renewals").asInt()).isGreaterThanOrEqualTo(50);
        double p50 = heartbeats.path("lagP50Ms").asDouble();
        double p99 = heartbeats.path("lagP99Ms").asDouble();
        assertThat(p50).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(heartbeats.path("lagMaxMs").asDouble());
        assertThat(heartbeats.path("lagMaxMs").asDouble()).isLessThan(9_000);
        assertThat(heartbeats.path("lapsedLeases").asInt()).isZero();

        JsonNode simulator = report.path("simulator");
        // The watch can see a renewal before its writer has the answer: at most one per node in flight.
        assertThat(simulator.path("renewals").asLong()).isGreaterThanOrEqualTo(heartbeats.path("renewals").asLong() - 50);
        assertThat(simulator.path("apiErrors").asLong()).isZero();
        assertThat(report.path("peakHeapBytes").asLong()).isPositive();
        assertThat(report.path("loadAverage").path("max").asDouble())
                .isGreaterThanOrEqualTo(report.path("loadAverage").path("start").asDouble());
        assertThat(report.path("targetMet").asBoolean()).isTrue();
        assertThat(report.path("reasons")).isEmpty();
        assertThat(out.stdout()).contains("bound to Running", "renewal lag behind schedule", "leases lapsed", "peak heap",
                "target met");
        try (var left = Files.list(dir)) {
            assertThat(left).as("the run's store is deleted").isEmpty();
        }
    }

    @Test
    void aNodeWhoseKubeletStopsHasItsLeaseLapseAndTheRunFails() throws Exception {
        CommandOutput out = CommandOutput.run("bench", "nodes", "--nodes", "10", "--pods", "40", "--heartbeat", "2",
                "--hold", "12", "--stop-heartbeats", "1", "--timeout", "240", "--data-dir", dir.toString(), "--json");
        assertThat(out.exitCode()).as(out.stdout() + out.stderr()).isEqualTo(1);
        JsonNode report = lastLine(out);
        List<String> lapsed = new ArrayList<>();
        report.path("heartbeats").path("lapsedNodes").forEach(n -> lapsed.add(n.asString()));
        assertThat(lapsed).contains("node-0000");
        assertThat(report.path("podStarts").path("running").asInt()).isEqualTo(40);
        assertThat(report.path("targetMet").asBoolean()).isFalse();
        assertThat(out.stderr()).contains("berth bench nodes: target not met:", "leaseDurationSeconds", "node-0000");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--nodes, 0, '--nodes: must be at least 1, got 0'",
        "--pods, 0, '--pods: must be at least 1, got 0'",
        "--heartbeat, 0, '--heartbeat: must be at least 1, got 0'",
        "--clients, -1, '--clients: must be at least 1, got -1'",
        "--kubelet-workers, 0, '--kubelet-workers: must be at least 1, got 0'",
        "--timeout, 0, '--timeout: must be at least 1, got 0'",
        "--hold, -1, '--hold: must not be negative, got -1'",
        "--stop-heartbeats, 5001, '--stop-heartbeats: must be from 0 to --nodes (5000), got 5001'",
        "--nodes, 10001, '--nodes: at most 10000, got 10001'",
        "--nodes, many, 'Invalid value for option ''--nodes'''",
    })
    void aBadFlagExitsTwoNamingIt(String flag, String value, String message) {
        CommandOutput out = CommandOutput.run("bench", "nodes", flag, value, "--data-dir", dir.toString());
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.stderr()).contains(message);
    }

    private static void assertPhase(JsonNode phase, int count) {
        assertThat(phase.path("count").asInt()).as(phase.toString()).isEqualTo(count);
        assertThat(phase.path("seconds").asDouble()).as(phase.toString()).isPositive();
        assertThat(phase.path("perSecond").asDouble()).as(phase.toString())
                .isCloseTo(count / phase.path("seconds").asDouble(), Offset.offset(0.01));
    }

    private static JsonNode lastLine(CommandOutput out) {
        String[] lines = out.stdout().trim().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }
}
