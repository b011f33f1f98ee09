package dev.berth.shim.clients;

import static dev.berth.shim.testing.SingleQuotedJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.testing.ForEachKubectl;
import dev.berth.shim.testing.Kubectl;
import dev.berth.shim.testing.KubectlBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The patches the real kubectl sends (cordon, label, patch, apply), applied by {@link dev.berth.shim.patch.Patcher}. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class KubectlPatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private FakeApiServer server;
    private Kubectl kubectl;

    @BeforeEach
    void start(KubectlBinary binary) throws IOException {
        server = new FakeApiServer();
        kubectl = Kubectl.forServer(binary, server.url(), dir);
        server.put(object("{'apiVersion':'v1','kind':'Node','metadata':{'name':'n1','uid':'n1','labels':{'zone':'a'}},"
                + "'spec':{'podCIDR':'10.0.0.0/24'}}"));
        server.put(object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'default','uid':'p1',"
                + "'labels':{'app':'web'}},'spec':{'containers':[{'name':'web','image':'nginx'}]}}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode stored(String apiVersion, String kind, String namespace, String name) {
        return server.get(apiVersion, kind, namespace, name).orElseThrow();
    }

    @ForEachKubectl
    void cordonAndUncordon() throws Exception {
        Kubectl.Run cordon = kubectl.run("cordon", "n1");

        assertThat(cordon.exitCode()).as(cordon.output()).isZero();
        assertThat(cordon.output()).contains("node/n1 cordoned");
        assertThat(stored("v1", "Node", "", "n1").at("/spec/unschedulable").booleanValue()).isTrue();
        assertThat(stored("v1", "Node", "", "n1").at("/spec/podCIDR").stringValue()).isEqualTo("10.0.0.0/24");

        Kubectl.Run uncordon = kubectl.run("uncordon", "n1");

        assertThat(uncordon.exitCode()).as(uncordon.output()).isZero();
        assertThat(stored("v1", "Node", "", "n1").at("/spec/unschedulable").isMissingNode()).isTrue();
    }

    @ForEachKubectl
    void labelAndUnlabel() throws Exception {
        Kubectl.Run label = kubectl.run("label", "pod", "p", "tier=front");
        Kubectl.Run unlabel = kubectl.run("label", "pod", "p", "app-");

        assertThat(label.exitCode()).as(label.output()).isZero();
        assertThat(unlabel.exitCode()).as(unlabel.output()).isZero();
        assertThat(stored("v1", "Pod", "default", "p").at("/metadata/labels")).isEqualTo(object("{'tier':'front'}"));
    }

    @ForEachKubectl
    void taintAndUntaint() throws Exception {
        Kubectl.Run first = kubectl.run("taint", "nodes", "n1", "dedicated=gpu:NoSchedule");
        Kubectl.Run second = kubectl.run("taint", "nodes", "n1", "spot=true:PreferNoSchedule");
        Kubectl.Run removed = kubectl.run("taint", "nodes", "n1", "dedicated-");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(removed.exitCode()).as(removed.output()).isZero();
        assertThat(stored("v1", "Node", "", "n1").at("/spec/taints")).isEqualTo(JSON.readTree(
                "[{\"key\":\"spot\",\"value\":\"true\",\"effect\":\"PreferNoSchedule\"}]"));
    }

    @ForEachKubectl
    void annotateAndRolloutRestart() throws Exception {
        server.put(object("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','namespace':"
                + "'default','uid':'d1'},'spec':{'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':"
                + "{'labels':{'app':'web'}},'spec':{'containers':[{'name':'web','image':'nginx'}]}}}}"));

        Kubectl.Run annotate = kubectl.run("annotate", "deployment", "web", "owner=team-a");
        Kubectl.Run restart = kubectl.run("rollout", "restart", "deployment/web");

        assertThat(annotate.exitCode()).as(annotate.output()).isZero();
        assertThat(restart.exitCode()).as(restart.output()).isZero();
        JsonNode deployment = stored("apps/v1", "Deployment", "default", "web");
        assertThat(deployment.at("/metadata/annotations/owner").stringValue()).isEqualTo("team-a");
        assertThat(deployment.at("/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt")
                .isString()).isTrue();
        assertThat(deployment.at("/spec/template/spec/containers")).hasSize(1);
    }

    @ForEachKubectl
    void strategicPatchAddsAContainerFirstAsUpstreamDoes() throws Exception {
        Kubectl.Run run = kubectl.run("patch", "pod", "p", "-p",
                "{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"busybox\"}]}}");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(stored("v1", "Pod", "default", "p").at("/spec/containers")).isEqualTo(JSON.readTree(
                "[{\"name\":\"sidecar\",\"image\":\"busybox\"},{\"name\":\"web\",\"image\":\"nginx\"}]"));
    }

    @ForEachKubectl
    void mergeAndJsonPatches() throws Exception {
        Kubectl.Run merge = kubectl.run("patch", "node", "n1", "--type", "merge", "-p",
                "{\"metadata\":{\"labels\":{\"zone\":null,\"disk\":\"ssd\"}}}");
        Kubectl.Run json = kubectl.run("patch", "node", "n1", "--type", "json", "-p",
                "[{\"op\":\"test\",\"path\":\"/metadata/labels/disk\",\"value\":\"ssd\"},"
                        + "{\"op\":\"add\",\"path\":\"/spec/taints\",\"value\":[{\"key\":\"k\",\"effect\":\"NoSchedule\"}]}]");

        assertThat(merge.exitCode()).as(merge.output()).isZero();
        assertThat(json.exitCode()).as(json.output()).isZero();
        JsonNode node = stored("v1", "Node", "", "n1");
        assertThat(node.at("/metadata/labels")).isEqualTo(object("{'disk':'ssd'}"));
        assertThat(node.at("/spec/taints/0/key").stringValue()).isEqualTo("k");
    }

    @ForEachKubectl
    void aFailedJsonPatchTestIsReportedAsKubeApiserverDoes() throws Exception {
        Kubectl.Run run = kubectl.run("patch", "node", "n1", "--type", "json", "-p",
                "[{\"op\":\"test\",\"path\":\"/metadata/labels/zone\",\"value\":\"b\"}]");

        assertThat(run.exitCode()).isNotZero();
        // kubectl prints the Status's cause, which carries the JSON patch library's message.
        assertThat(run.output()).contains("The request is invalid",
                "testing value /metadata/labels/zone failed: test failed");
    }

    @ForEachKubectl
    void strategicPatchOfACustomResourceIsUnsupported() throws Exception {
        server.put(object("{'apiVersion':'scheduling.x-k8s.io/v1alpha1','kind':'PodGroup','metadata':{'name':'g',"
                + "'namespace':'default'},'spec':{'minMember':2}}"));

        Kubectl.Run strategic = kubectl.run("patch", "podgroup", "g", "--type", "strategic", "-p",
                "{\"spec\":{\"minMember\":3}}");
        Kubectl.Run merge = kubectl.run("patch", "podgroup", "g", "--type", "merge", "-p",
                "{\"spec\":{\"minMember\":4}}");

        assertThat(strategic.exitCode()).isNotZero();
        assertThat(strategic.output()).contains("the body of the request was in an unknown format");
        assertThat(merge.exitCode()).as(merge.output()).isZero();
        assertThat(stored("scheduling.x-k8s.io/v1alpha1", "PodGroup", "default", "g").at("/spec/minMember")
                .intValue()).isEqualTo(4);
    }

    @ForEachKubectl
    void applyTwiceUpdatesWithAThreeWayStrategicPatch() throws Exception {
        Path manifest = dir.resolve("deployment.yaml");
        Files.writeString(manifest, deployment("nginx:1", "A", "B"));
        Kubectl.Run create = kubectl.run("apply", "-f", manifest.toString());
        Files.writeString(manifest, deployment("nginx:2", "B", "C"));

        Kubectl.Run update = kubectl.run("apply", "-f", manifest.toString());

        assertThat(create.exitCode()).as(create.output()).isZero();
        assertThat(update.exitCode()).as(update.output()).isZero();
        assertThat(update.output()).contains("deployment.apps/web configured");
        JsonNode container = stored("apps/v1", "Deployment", "default", "web").at("/spec/template/spec/containers/0");
        assertThat(container.get("image").stringValue()).isEqualTo("nginx:2");
        assertThat(container.get("env")).isEqualTo(JSON.readTree(
                "[{\"name\":\"B\",\"value\":\"b\"},{\"name\":\"C\",\"value\":\"c\"}]"));
    }

    private static String deployment(String image, String firstEnv, String secondEnv) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                      - name: web
                        image: %s
                        env:
                        - {name: %s, value: %s}
                        - {name: %s, value: %s}
                """.formatted(image, firstEnv, firstEnv.toLowerCase(), secondEnv, secondEnv.toLowerCase());
    }
}
