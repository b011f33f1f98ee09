package dev.berth.app.bench.shim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.CommandOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code berth bench shim}: a small run measures every row over real HTTPS, and bad flags exit 2 naming the flag. */
class ShimBenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSmallRunMeasuresEveryRowAndCleansUp() throws Exception {
        CommandOutput out = CommandOutput.run("bench", "shim", "--nodes", "20", "--pods", "60", "--clients", "4",
                "--gets", "40", "--lists", "3", "--watch-updates", "30", "--watch-rate", "100", "--timeout", "120",
                "--data-dir", dir.toString(), "--json");
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        String[] lines = out.stdout().trim().split("\n");
        JsonNode report = JsonMapper.builder().build().readTree(lines[lines.length - 1]);
        assertThat(report.path("nodes").asInt()).isEqualTo(20);
        assertThat(report.path("pods").asInt()).isEqualTo(60);
        List<String> rows = new ArrayList<>();
        for (JsonNode row : report.path("rows")) {
            rows.add(row.path("row").asString() + " " + row.path("requests").asInt());
            assertThat(row.path("perSecond").asDouble()).as(row.toString()).isPositive();
            assertThat(row.path("p99Ms").asDouble()).as(row.toString()).isPositive();
        }
        assertThat(rows).containsExactly("create node 20", "create pod 60", "get pod 40", "list pods 3", "watch delivery 30");
        assertThat(report.path("heapInUseBytes").asLong()).isPositive();
        try (var left = Files.list(dir)) {
            assertThat(left).as("the run's store is deleted").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--nodes", "--pods", "--clients", "--watch-rate", "--lists"})
    void aFlagBelowOneExitsTwoNamingIt(String flag) {
        CommandOutput out = CommandOutput.run("bench", "shim", flag, "0", "--data-dir", dir.toString());
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.stderr()).contains(flag + ": must be at least 1, got 0");
    }
}
