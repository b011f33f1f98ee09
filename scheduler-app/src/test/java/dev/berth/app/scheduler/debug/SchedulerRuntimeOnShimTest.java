package dev.berth.app.scheduler.debug;

import static dev.berth.app.scheduler.debug.ScheduledCluster.FITS;
import static dev.berth.app.scheduler.debug.ScheduledCluster.HUGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.cluster.ApiRateLimit;
import dev.berth.app.cluster.Fabric8ClusterClient;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scheduler running on the embedded shim: /metrics, /debug/*, /ui (also in headless Chromium), the simulator
 * annotations, and the client-side rate limit on its API requests.
 */
class SchedulerRuntimeOnShimTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    private static ScheduledCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ScheduledCluster.start(dir);
        // The unschedulable pod's attempt is recorded once it is back in the queue.
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.get("/debug/explain/default/" + HUGE).statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> response = cluster.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    @Test
    void metricsCarryUpstreamNamesWithValuesAfterScheduling() throws Exception {
        String metrics = cluster.get("/metrics").body();
        assertThat(value(metrics, "scheduler_schedule_attempts_total", "result=\"scheduled\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "scheduler_schedule_attempts_total", "result=\"unschedulable\"")).isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "scheduler_pending_pods", "queue=\"unschedulable\"")).isEqualTo(1);
        assertThat(value(metrics, "scheduler_scheduling_attempt_duration_seconds_count", "result=\"scheduled\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(metrics, "scheduler_scheduling_attempt_duration_seconds_sum", "result=\"scheduled\""))
                .isGreaterThan(0);
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}. */
    private static double value(String metrics, String name, String label) {
        return metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains(label)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no sample " + name + " with " + label + " in:\n" + metrics));
    }

    @Test
    void queueListsThePendingPodWithTheRejectingPluginSinceWhenAndWhy() throws Exception {
        JsonNode queue = json("/debug/queue");
        assertThat(queue.get("counts").get("unschedulable").asInt()).isEqualTo(1);
        JsonNode pending = queue.get("pending");
        assertThat(pending.size()).isEqualTo(1);
        JsonNode huge = pending.get(0);
        assertThat(huge.get("pod").asString()).isEqualTo("default/" + HUGE);
        assertThat(huge.get("queue").asString()).isEqualTo("unschedulable");
        assertThat(huge.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(huge.get("unschedulablePlugins").toString()).contains("NodeResourcesFit");
        assertThat(huge.get("since").asString()).isNotEmpty();
        assertThat(huge.get("message").asString()).startsWith("0/2 nodes are available: 2 Insufficient cpu.");
    }

    @Test
    void explainOfAScheduledPodHasEveryNodesVerdictsScoresAndTheChosenNode() throws Exception {
        JsonNode fits = json("/debug/explain/default/" + FITS);
        assertThat(fits.get("pod").asString()).isEqualTo("default/" + FITS);
        assertThat(fits.get("status").asString()).isEqualTo("Scheduled");
        assertThat(fits.get("node").asString()).isEqualTo(cluster.node(FITS));
        for (String node : List.of("node-small", "node-large")) {
            assertThat(fits.get("filter").get(node).get("NodeResourcesFit").asString()).isEqualTo("passed");
            assertThat(fits.get("score").get(node).get("NodeResourcesFit").asLong()).isBetween(0L, 100L);
            assertThat(fits.get("finalScore").get(node).asLong()).isPositive();
        }
        String chosen = fits.get("node").asString();
        String other = chosen.equals("node-large") ? "node-small" : "node-large";
        assertThat(fits.get("finalScore").get(chosen).asLong()).isGreaterThanOrEqualTo(fits.get("finalScore").get(other).asLong());
        assertThat(fits.get("message").asString()).isEmpty();
    }

    @Test
    void explainOfAnUnschedulablePodHasEachNodesReason() throws Exception {
        JsonNode huge = json("/debug/explain/default/" + HUGE);
        assertThat(huge.get("status").asString()).isEqualTo("Unschedulable");
        assertThat(huge.get("node").isNull()).isTrue();
        assertThat(huge.get("filter").get("node-small").get("NodeResourcesFit").asString()).isEqualTo("Insufficient cpu");
        assertThat(huge.get("filter").get("node-large").get("NodeResourcesFit").asString()).isEqualTo("Insufficient cpu");
        assertThat(huge.get("score").size()).isZero();
        assertThat(huge.get("message").asString()).startsWith("0/2 nodes are available");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/debug/explain/default/nobody | 404 | no attempt of pod default/nobody is recorded",
            "/debug/explain/default        | 400 | want /debug/explain/<namespace>/<pod>",
            "/debug/explain/a/b/c          | 400 | want /debug/explain/<namespace>/<pod>",
            "/debug/nothing                | 404 | try /healthz",
    })
    void badPathsGetAStatusAndAMessage(String path, int status, String message) throws Exception {
        HttpResponse<String> response = cluster.get(path);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).contains(message);
    }

    @Test
    void attemptsListsRecentPodsNewestFirst() throws Exception {
        JsonNode attempts = json("/debug/attempts").get("attempts");
        List<String> pods = new ArrayList<>();
        attempts.forEach(a -> pods.add(a.get("pod").asString() + " " + a.get("status").asString()));
        assertThat(pods).containsExactlyInAnyOrder("default/" + FITS + " Scheduled", "default/" + HUGE + " Unschedulable");
        for (int i = 1; i < attempts.size(); i++) {
            assertThat(attempts.get(i - 1).get("finishedAt").asString()).isGreaterThanOrEqualTo(attempts.get(i).get("finishedAt").asString());
        }
    }

    @Test
    void podsCarryKubeSchedulerSimulatorAnnotationsMatchingTheExplanation() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> annotations(FITS).containsKey(SimulatorAnnotations.SELECTED_NODE)
                && annotations(HUGE).containsKey(SimulatorAnnotations.FILTER_RESULT));
        Map<String, String> fits = annotations(FITS);
        assertThat(fits.get(SimulatorAnnotations.SELECTED_NODE)).isEqualTo(cluster.node(FITS));
        JsonNode explained = json("/debug/explain/default/" + FITS);
        JsonNode filter = JSON.readTree(fits.get(SimulatorAnnotations.FILTER_RESULT));
        assertThat(filter).isEqualTo(explained.get("filter"));
        JsonNode score = JSON.readTree(fits.get(SimulatorAnnotations.SCORE_RESULT));
        JsonNode finalScore = JSON.readTree(fits.get(SimulatorAnnotations.FINAL_SCORE_RESULT));
        for (String node : List.of("node-small", "node-large")) {
            // Values are strings, as the simulator writes them; final = score × weight (TaintToleration weighs 3).
            assertThat(score.get(node).get("TaintToleration").isString()).isTrue();
            long taint = Long.parseLong(score.get(node).get("TaintToleration").asString());
            assertThat(Long.parseLong(finalScore.get(node).get("TaintToleration").asString())).isEqualTo(3 * taint);
            long total = 0;
            for (var e : finalScore.get(node).properties()) {
                total += Long.parseLong(e.getValue().asString());
            }
            assertThat(total).isEqualTo(explained.get("finalScore").get(node).asLong());
        }
        Map<String, String> huge = annotations(HUGE);
        assertThat(huge).doesNotContainKey(SimulatorAnnotations.SELECTED_NODE);
        assertThat(JSON.readTree(huge.get(SimulatorAnnotations.FILTER_RESULT)).get("node-small").get("NodeResourcesFit").asString())
                .isEqualTo("Insufficient cpu");
    }

    private static Map<String, String> annotations(String pod) {
        Map<String, String> annotations = cluster.pod(pod).getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    @Test
    void apiRequestsKeepTheRateLimit() {
        double qps = 5;
        int burst = 2;
        Fabric8ClusterClient limited = new Fabric8ClusterClient(cluster.client, Duration.ofSeconds(30), new ApiRateLimit(qps, burst));
        Pod pod = cluster.pod(FITS);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            limited.patchAnnotations(pod, Map.of("test.berth.dev/request", Integer.toString(i)));
            double seconds = (System.nanoTime() - start) / 1e9;
            // Request i may start once burst + qps × t tokens have been handed out (10 ms of slack for the clock).
            assertThat(seconds).as("request %d", i).isGreaterThanOrEqualTo((i + 1 - burst) / qps - 0.01);
        }
        assertThat(annotations(FITS)).containsEntry("test.berth.dev/request", "9");
    }

    @Test
    void uiIsOneSelfContainedPage() throws Exception {
        HttpResponse<String> ui = cluster.get("/ui");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(ui.body()).contains("<script>", "/debug/explain/", "/debug/queue").doesNotContain("src=\"http", "href=\"http");
    }

    @Test
    void uiShowsPendingAndScheduledPodsAndOnePodsTableInHeadlessChromium() throws Exception {
        Optional<HeadlessChromium> found = HeadlessChromium.find(dir);
        Assumptions.assumeTrue(found.isPresent(),
                "chromium is not installed (Debian package chromium): the /ui browser check is skipped");
        HeadlessChromium chromium = found.get();
        String page = cluster.url("/ui#default/" + FITS);
        String dom = chromium.dumpDom(page);
        Document doc = Jsoup.parse(dom);
        assertThat(doc.select("#error").text()).isEmpty();
        assertThat(doc.select("#pending tbody tr").eachText()).anySatisfy(row -> assertThat(row).contains("default/" + HUGE,
                "unschedulable", "NodeResourcesFit"));
        assertThat(doc.select("#recent tbody tr").eachText()).anySatisfy(row -> assertThat(row).contains("default/" + FITS,
                "Scheduled", cluster.node(FITS)));
        assertThat(doc.select("#explain-title").text()).isEqualTo("Last attempt of default/" + FITS);
        assertThat(doc.select("#explain-table thead th").eachText()).contains("Node", "Filter", "Score NodeResourcesFit",
                "Score TaintToleration", "Final score");
        assertThat(doc.select("#explain-table tbody tr").eachAttr("data-node")).containsExactly("node-large", "node-small");
        assertThat(doc.select("#explain-table tbody tr").eachText()).allSatisfy(row -> assertThat(row).contains("passed"));
        assertThat(doc.select("#explain-table tr.chosen").attr("data-node")).isEqualTo(cluster.node(FITS));
        screenshot(chromium, page, "ui-explain-scheduled.png");

        String unschedulable = cluster.url("/ui#default/" + HUGE);
        Document failed = Jsoup.parse(chromium.dumpDom(unschedulable));
        assertThat(failed.select("#explain-summary").text()).startsWith("Unschedulable: 0/2 nodes are available");
        assertThat(failed.select("#explain-table tbody tr").eachText())
                .containsExactly("node-large NodeResourcesFit: Insufficient cpu", "node-small NodeResourcesFit: Insufficient cpu");
        screenshot(chromium, unschedulable, "ui-explain-unschedulable.png");
    }

    /** Keeps a screenshot in the test output, target/ui-screenshots. */
    private static void screenshot(HeadlessChromium chromium, String page, String name) throws Exception {
        Path screenshot = Path.of("target", "ui-screenshots", name);
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        chromium.screenshot(page, screenshot);
        assertThat(Files.size(screenshot)).isPositive();
    }
}
