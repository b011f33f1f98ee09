package dev.berth.shim.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.testing.Kubectl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl 1.32 validating {@code kubectl apply} manifests against the served OpenAPI documents. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KubectlValidationTest {

    @TempDir
    Path dir;

    private FakeApiServer server;
    private Kubectl kubectl;

    @BeforeEach
    void start() throws IOException {
        server = new FakeApiServer();
        kubectl = Kubectl.forServer(server.url(), dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Kubectl.Run apply(String manifest) throws IOException, InterruptedException {
        Path file = dir.resolve("manifest.yaml");
        Files.writeString(file, manifest);
        return kubectl.run("apply", "-f", file.toString());
    }

    @Test
    void aValidManifestIsApplied() throws Exception {
        Kubectl.Run run = apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  mode: fast
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                      - name: web
                        image: nginx
                        resources:
                          requests: {cpu: 100m, memory: 64Mi}
                """);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("configmap/settings created", "deployment.apps/web created");
    }

    @Test
    void aMisspelledFieldFailsStrictValidation() throws Exception {
        Kubectl.Run run = apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                spec:
                  containers:
                  - name: a
                    imagee: nginx
                """);

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("Error from server (BadRequest)",
                "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "
                        + "unknown field \"spec.containers[0].imagee\"");
    }

    @Test
    void validationOffLetsTheMisspelledFieldThrough() throws Exception {
        Path file = dir.resolve("manifest.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                dataa:
                  mode: fast
                """);

        Kubectl.Run run = kubectl.run("apply", "--validate=false", "-f", file.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("configmap/settings created");
    }

    @Test
    void kubectlExplainReadsTheGeneratedSchemas() throws Exception {
        Kubectl.Run run = kubectl.run("explain", "pods.spec.containers");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("KIND:       Pod", "FIELD: containers <[]Container>", "image",
                "volumeMounts");
    }

    @Test
    void aMisspelledFieldInAnUpdateFailsStrictValidation() throws Exception {
        Kubectl.Run create = apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  mode: fast
                """);

        Kubectl.Run update = apply("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  mode: slow
                immutible: true
                """);

        assertThat(create.exitCode()).as(create.output()).isZero();
        assertThat(update.exitCode()).as(update.output()).isNotZero();
        assertThat(update.output()).contains("The request is invalid: patch: Invalid value: ",
                "strict decoding error: unknown field \"immutible\"");
    }

    @Test
    void aCustomResourceIsCreatedThenUpdatedWithAMergePatch() throws Exception {
        String podGroup = """
                apiVersion: scheduling.x-k8s.io/v1alpha1
                kind: PodGroup
                metadata:
                  name: gang
                spec:
                  minMember: %d
                """;

        Kubectl.Run create = apply(podGroup.formatted(2));
        Kubectl.Run update = apply(podGroup.formatted(3));

        assertThat(create.exitCode()).as(create.output()).isZero();
        assertThat(create.output()).contains("podgroup.scheduling.x-k8s.io/gang created");
        assertThat(update.exitCode()).as(update.output()).isZero();
        assertThat(update.output()).contains("podgroup.scheduling.x-k8s.io/gang configured");
        assertThat(server.get("scheduling.x-k8s.io/v1alpha1", "PodGroup", "default", "gang").orElseThrow()
                .at("/spec/minMember").intValue()).isEqualTo(3);
    }
}
