package dev.berth.shim.clients;

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

/**
 * Each kubectl validating {@code kubectl apply} manifests against the served OpenAPI documents: 1.25 and later leave
 * it to the server (v3's {@code fieldValidation}, answered by {@link dev.berth.shim.openapi.FieldValidation}), older
 * ones validate client-side against {@code /openapi/v2}; each test expects the message of the kubectl that runs.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KubectlValidationTest {

    @TempDir
    Path dir;

    private FakeApiServer server;
    private KubectlBinary binary;
    private Kubectl kubectl;

    @BeforeEach
    void start(KubectlBinary binary) throws IOException {
        server = new FakeApiServer();
        this.binary = binary;
        kubectl = Kubectl.forServer(binary, server.url(), dir);
    }

    /** kubectl's client-side message for an unknown field, as kubectl before 1.25 prints it. */
    private static String clientSideError(String path, String field, String definition) {
        return "error validating data: ValidationError(" + path + "): unknown field \"" + field + "\" in "
                + definition + "; if you choose to ignore these errors, turn validation off with --validate=false";
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

    @ForEachKubectl
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

    @ForEachKubectl
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
        if (binary.validatesOnServer()) {
            assertThat(run.output()).contains("Error from server (BadRequest)",
                    "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "
                            + "unknown field \"spec.containers[0].imagee\"");
        } else {
            assertThat(run.output()).contains(clientSideError("Pod.spec.containers[0]", "imagee",
                    "io.k8s.api.core.v1.Container"));
        }
        assertThat(server.get("v1", "Pod", "default", "p")).isEmpty();
    }

    @ForEachKubectl
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

    @ForEachKubectl
    void kubectlExplainReadsTheGeneratedSchemas() throws Exception {
        Kubectl.Run run = kubectl.run("explain", "pods.spec.containers");

        assertThat(run.exitCode()).as(run.output()).isZero();
        if (binary.explainsFromV3()) {
            assertThat(run.output()).contains("KIND:       Pod", "FIELD: containers <[]Container>");
        } else {
            assertThat(run.output()).contains("KIND:     Pod", "RESOURCE: containers <[]Object>");
        }
        assertThat(run.output()).containsPattern("\\n\\s+image\\s+<string>").contains("volumeMounts");
    }

    @ForEachKubectl
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
        if (binary.validatesOnServer()) {
            assertThat(update.output()).contains("The request is invalid: patch: Invalid value: ",
                    "strict decoding error: unknown field \"immutible\"");
        } else {
            assertThat(update.output()).contains(clientSideError("ConfigMap", "immutible",
                    "io.k8s.api.core.v1.ConfigMap"));
        }
        assertThat(server.get("v1", "ConfigMap", "default", "settings").orElseThrow().at("/data/mode").stringValue())
                .isEqualTo("fast");
    }

    @ForEachKubectl
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
