package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.shim.json.Json;
import dev.berth.shim.testing.ForEachKubectl;
import dev.berth.shim.testing.Kubectl;
import dev.berth.shim.testing.KubectlBinaries;
import dev.berth.shim.testing.KubectlBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Each kubectl ({@link dev.berth.shim.testing.KubectlBinaries}) against the shim: discovery, get (wide, json, -l,
 * --field-selector), describe of a pod and a node, delete, get -w, over objects the first kubectl applies from a
 * multi-document manifest (validated against the served OpenAPI documents).
 */
class KubectlTest {
    @TempDir
    static Path dir;
    static ShimFixture fixture;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        fixture = ShimFixture.start(dir.resolve("store"));
        work = Files.createDirectories(dir.resolve("kubectl"));
        Kubectl kubectl = Kubectl.forServer(KubectlBinaries.first(), fixture.url(), work);
        Files.writeString(work.resolve("manifest.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                ---
                apiVersion: v1
                kind: Node
                metadata:
                  name: node-a
                  labels:
                    zone: a
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  namespace: shop
                  labels:
                    app: web
                spec:
                  nodeName: node-a
                  containers:
                  - name: nginx
                    image: nginx:1.27
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db
                  namespace: shop
                  labels:
                    app: db
                spec:
                  schedulerName: berth
                  containers:
                  - name: postgres
                    image: postgres:17
                """);
        Kubectl.Run created = kubectl.run("apply", "-f", "manifest.yaml");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("namespace/shop created", "node/node-a created", "pod/web created",
                "pod/db created");
    }

    private static Kubectl kubectl(KubectlBinary binary) throws IOException {
        return Kubectl.forServer(binary, fixture.url(), work);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @ForEachKubectl
    void apiResourcesListsTheCatalog(KubectlBinary binary) throws Exception {
        Kubectl kubectl = kubectl(binary);
        Kubectl.Run result = kubectl.run("api-resources");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("pods", "po", "leases", "coordination.k8s.io/v1", "poddisruptionbudgets", "pdb");
    }

    @ForEachKubectl
    void getInEveryOutputFormat(KubectlBinary binary) throws Exception {
        Kubectl kubectl = kubectl(binary);
        Kubectl.Run wide = kubectl.run("get", "pods", "-n", "shop", "-o", "wide");
        assertThat(wide.exitCode()).as(wide.err()).isZero();
        assertThat(wide.out()).contains("web", "db");
        Kubectl.Run nodes = kubectl.run("get", "nodes", "-o", "wide");
        assertThat(nodes.exitCode()).as(nodes.err()).isZero();
        assertThat(nodes.out()).contains("node-a");

        Kubectl.Run json = kubectl.run("get", "pod", "web", "-n", "shop", "-o", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode pod = Json.MAPPER.readTree(json.out());
        assertThat(pod.path("spec").path("nodeName").stringValue()).isEqualTo("node-a");
        assertThat(pod.path("metadata").path("uid").stringValue()).isNotEmpty();

        Kubectl.Run labelled = kubectl.run("get", "pods", "-n", "shop", "-l", "app=db", "-o", "name");
        assertThat(labelled.out().trim()).isEqualTo("pod/db");
        Kubectl.Run fields = kubectl.run("get", "pods", "-A", "--field-selector", "spec.nodeName=node-a", "-o", "name");
        assertThat(fields.exitCode()).as(fields.err()).isZero();
        assertThat(fields.out().trim()).isEqualTo("pod/web");
        Kubectl.Run missing = kubectl.run("get", "pod", "nope", "-n", "shop");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("pods \"nope\" not found");
    }

    @ForEachKubectl
    void describePodAndNode(KubectlBinary binary) throws Exception {
        Kubectl kubectl = kubectl(binary);
        Kubectl.Run pod = kubectl.run("describe", "pod", "db", "-n", "shop");
        assertThat(pod.exitCode()).as(pod.err()).isZero();
        assertThat(pod.out()).contains("Name:", "db", "Namespace:", "shop", "postgres:17");
        Kubectl.Run node = kubectl.run("describe", "node", "node-a");
        assertThat(node.exitCode()).as(node.err()).isZero();
        assertThat(node.out()).containsPattern("Name:\\s+node-a").containsPattern("Labels:\\s+zone=a");
    }

    /** Names its ConfigMaps after the kubectl's version, as every kubectl runs it against the same server. */
    @ForEachKubectl
    void getWatchSeesAChangeAndDeleteRemoves(KubectlBinary binary) throws Exception {
        Kubectl kubectl = kubectl(binary);
        String watched = "watched-" + binary.minor();
        String later = "later-" + binary.minor();
        Files.writeString(work.resolve(watched + ".yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + watched + "\n  namespace: shop\n");
        Files.writeString(dir.resolve(later + ".yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + later + "\n  namespace: shop\n");
        Kubectl.Run created = kubectl.run("create", "-f", watched + ".yaml");
        assertThat(created.exitCode()).as(created.err()).isZero();
        try (Kubectl.Background watch = kubectl.start("get", "configmaps", "-n", "shop", "-w", "-o", "name")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> watch.output().contains("configmap/" + watched));
            Kubectl.Run other = kubectl.run("create", "-f", dir.resolve(later + ".yaml").toString());
            assertThat(other.exitCode()).as(other.err()).isZero();
            await().atMost(Duration.ofSeconds(20)).until(() -> watch.output().contains("configmap/" + later));
        }
        Kubectl.Run deleted = kubectl.run("delete", "configmap", watched, "-n", "shop");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("configmap \"" + watched + "\" deleted");
        assertThat(kubectl.run("get", "configmap", watched, "-n", "shop").exitCode()).isNotZero();
    }
}
