package dev.berth.app.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole benchmark with tiny numbers, as a user runs it: the built jar starts a one-member Berth
 * cluster and a one-member etcd cluster and prints both side by side. It needs the real etcd, so a
 * machine without it fails here rather than skipping the comparison silently.
 */
class StoreBenchIT {
    private static final Path JAR = Path.of("target", "berth.jar");
    private static final Path ETCD = Path.of("/usr/bin/etcd");

    @TempDir
    Path workDir;

    @Test
    void comparesEveryRowOnOneMemberClusters() throws Exception {
        assertThat(Files.isExecutable(ETCD)).as("%s is missing: apt-get install etcd-server", ETCD).isTrue();
        assertThat(JAR).as("%s must be built by `mvn package` before the integration tests", JAR).isRegularFile();
        Path dataDir = workDir.resolve("data");
        Path output = workDir.resolve("out.txt");
        Process bench = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dchronicle.analytics.disable=true", "-jar", JAR.toString(), "bench", "store", "--members", "1",
                "--requests", "200", "--watch-puts", "200", "--clients", "4", "--data-dir", dataDir.toString(), "--timeout", "60",
                "--json")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        boolean finished = bench.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            bench.destroyForcibly().waitFor();
        }

        List<String> lines = Files.readAllLines(output);
        assertThat(finished).as("bench finished within 180 s; output:\n%s", String.join("\n", lines)).isTrue();
        assertThat(bench.exitValue()).as("exit code; output:\n%s", String.join("\n", lines)).isZero();
        JsonNode json = JsonMapper.builder().build().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("rows")).extracting(r -> r.get("row").asString())
                .containsExactly("put", "range linearizable", "range serializable", "watch delivery", "lease keep-alive");
        for (JsonNode row : json.get("rows")) {
            assertThat(row.get("members").asInt()).isEqualTo(1);
            for (String system : List.of("berth", "etcd")) {
                assertThat(row.get(system).get("requestsPerSecond").asDouble()).as("%s %s", system, row).isPositive();
                assertThat(row.get(system).get("p99Ms").asDouble()).as("%s %s", system, row).isPositive();
            }
            assertThat(row.get("throughputRatio").asDouble()).isPositive();
        }
        assertThat(String.join("\n", lines)).contains("members row", "ratio = berth / etcd");
        try (var left = Files.list(dataDir)) {
            assertThat(left.toList()).as("clusters' data dirs deleted after the run").isEmpty();
        }
    }

    @Test
    void warmsTheClientOnAThrowawayEtcdClusterBeforeTheFirstMeasuredOne() throws Exception {
        Path dataDir = workDir.resolve("warm");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Workload workload = new Workload(4, 100, 300, 8, 16, 100, 1000, Duration.ofSeconds(60));

        StoreBenchReport report = new StoreBenchmark(new PrintStream(progress, true, StandardCharsets.UTF_8)).run(new StoreBenchmark.Options(
                List.of(1), List.of(KvRow.PUT), workload, 1, dataDir, JAR, List.of(), ETCD));

        List<String> lines = progress.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("client warm-up: 300 requests per row against a 1-member etcd cluster, not measured");
        assertThat(lines.get(1)).startsWith("run 1, 1 member(s), berth put");
        assertThat(lines.get(2)).startsWith("run 1, 1 member(s), etcd  put");
        assertThat(report.toJson()).as("only the two measured clusters' figures").contains("\"runs\":1");
        try (var left = Files.list(dataDir)) {
            assertThat(left.toList()).as("the warm-up cluster's data dir deleted too").isEmpty();
        }
    }
}
