package dev.berth.app.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.BerthJar;
import dev.berth.app.OfflineMavenBuild;
import dev.berth.app.scheduler.ClusterProcesses;
import dev.berth.store.DirectoryTrees;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * examples/plugin-template built from its sources with its own pom, as an author builds it, and its jar loaded by
 * {@code berth simulate --plugins-dir} and {@code berth up --plugins-dir}. The template resolves Berth's just-built
 * framework and test kit jars from a repository under target/ and everything else from the build's local repository
 * (a file:// remote, so nothing the build has is downloaded and the shared repository is never written).
 */
class TemplatePluginIT {

    private static final Path ROOT = OfflineMavenBuild.ROOT;
    private static final Path WORK = Path.of("target", "template-it").toAbsolutePath();
    private static final String VERSION = OfflineMavenBuild.VERSION;
    private static final long BUILD_TIMEOUT_MINUTES = 8;
    private static final long SIMULATE_TIMEOUT_SECONDS = 120;
    private static final String PREFERRED_LABEL = "example.com/tier";
    private static final String FAST_NODE = "node-0001";

    /** The template's sources as copied, and its jar, built once for every test, alone in a plugins directory. */
    private static Path project;
    private static Path plugins;

    @BeforeAll
    static void buildTheTemplate() throws Exception {
        DirectoryTrees.delete(WORK);
        project = copyTree(ROOT.resolve("examples/plugin-template"), WORK.resolve("plugin-template"));
        OfflineMavenBuild.in(WORK, List.of("scheduler-framework", "scheduler-testkit")).run(
                List.of("-Dberth.version=" + VERSION, "-f", project.resolve("pom.xml").toString(), "package"),
                WORK.resolve("template-build.log"), BUILD_TIMEOUT_MINUTES * 60);

        plugins = Files.createDirectories(WORK.resolve("plugins"));
        Files.copy(project.resolve("target/prefer-node-label-plugin-1.0.0.jar"), plugins.resolve("prefer-node-label-plugin-1.0.0.jar"));
    }

    @Test
    void theTemplateBuildsAndItsScoresShowInSimulate() throws Exception {
        Path out = WORK.resolve("simulate.out");
        Path err = WORK.resolve("simulate.err");
        Process simulate = BerthJar.start(out, err, "512m", "simulate", "-f", project.resolve("scenario.yaml").toString(),
                "--plugins-dir", plugins.toString());
        assertThat(simulate.waitFor(SIMULATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("simulate finished").isTrue();
        assertThat(simulate.exitValue()).as(Files.readString(err)).isZero();

        JsonNode web = JsonMapper.builder().build().readTree(Files.readString(out)).get("results").get(0);
        assertThat(web.get("pod").asString()).isEqualTo("default/web");
        assertThat(web.get("node").asString()).isEqualTo("fast-1");
        assertThat(web.get("score").get("fast-1").get("PreferNodeLabel").asLong()).isEqualTo(100);
        assertThat(web.get("score").get("slow-1").get("PreferNodeLabel").asLong()).isEqualTo(20);
        assertThat(web.get("score").get("plain-1").get("PreferNodeLabel").asLong()).isEqualTo(20);
    }

    /**
     * The tutorial's last step: {@code berth up --plugins-dir} runs the template's plugin in the {@code berth}
     * profile, so a pod for {@code berth} goes to the one node labelled {@code example.com/tier=fast} (the plugin's
     * default args score it 100 and the others 0, more than the default plugins tell apart three empty nodes).
     */
    @Test
    void theTemplateRunsOnBerthUp() throws Exception {
        try (ClusterProcesses cluster = new ClusterProcesses(Files.createDirectories(WORK.resolve("up")));
             KubernetesClient client = ClusterProcesses.client(cluster.startUp(3, "--plugins-dir", plugins.toString()))) {
            client.nodes().withName(FAST_NODE).edit(n -> new NodeBuilder(n).editMetadata()
                    .addToLabels(PREFERRED_LABEL, "fast").endMetadata().build());
            client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("web").endMetadata()
                    .withNewSpec().withSchedulerName("berth").addNewContainer().withName("c")
                    .withImage("registry.k8s.io/pause:3.10").endContainer().endSpec().build()).create();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(client.pods().inNamespace("default").withName("web").get().getSpec().getNodeName())
                            .isEqualTo(FAST_NODE));

            // Where the pod went could be a tie broken its way; the scheduler's explanation shows the plugin's scores.
            JsonNode score = JsonMapper.builder().build().readTree(httpGet(schedulerAddress(WORK.resolve("up/up.err")),
                    "/debug/explain/default/web")).get("score");
            assertThat(score.get(FAST_NODE).get("PreferNodeLabel").asLong()).isEqualTo(100);
            assertThat(score.get("node-0000").get("PreferNodeLabel").asLong()).isZero();
        }
    }

    /** The scheduler's HTTP address, which {@code berth up} picks at random and logs. */
    private static String schedulerAddress(Path upErr) throws IOException {
        Matcher m = Pattern.compile("serves /healthz.* on (127\\.0\\.0\\.1:\\d+)").matcher(Files.readString(upErr));
        assertThat(m.find()).as("the scheduler logged its address").isTrue();
        return m.group(1);
    }

    private static String httpGet(String address, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + address + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** Copies the template's sources, not a target/ an author's build may have left there. */
    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

}
