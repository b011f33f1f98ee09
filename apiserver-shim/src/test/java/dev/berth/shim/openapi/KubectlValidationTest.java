package dev.berth.shim.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.resource.ResourceCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private TestApiServer server;

    @BeforeEach
    void start() throws IOException {
        server = new TestApiServer(ResourceCatalog.standard());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private record Run(int exitCode, String output) {
    }

    private Run kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--server", server.url(), "--cache-dir",
                dir.resolve("cache").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KUBECONFIG", dir.resolve("no-kubeconfig").toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl did not finish within 60s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    private Run apply(String manifest) throws IOException, InterruptedException {
        Path file = dir.resolve("manifest.yaml");
        Files.writeString(file, manifest);
        return kubectl("apply", "-f", file.toString());
    }

    @Test
    void aValidManifestIsApplied() throws Exception {
        Run run = apply("""
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
        Run run = apply("""
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

        Run run = kubectl("apply", "--validate=false", "-f", file.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("configmap/settings created");
    }

    @Test
    void kubectlExplainReadsTheGeneratedSchemas() throws Exception {
        Run run = kubectl("explain", "pods.spec.containers");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("KIND:       Pod", "FIELD: containers <[]Container>", "image",
                "volumeMounts");
    }
}
