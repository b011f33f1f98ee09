package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.testing.ForEachKubectl;
import dev.berth.shim.testing.Kubectl;
import dev.berth.shim.testing.KubectlBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kubectl's {@code apply --dry-run=server} and {@code diff} against the shim: the change is shown, nothing is
 * written. kubectl before 1.26 refuses a server dry run itself unless {@code /openapi/v2} lists the kind's PATCH path
 * with a {@code dryRun} parameter, which the shim's v2 document (definitions only) does not.
 */
class KubectlDryRunTest {
    private static final String PODS = "/api/v1/namespaces/default/pods";

    @TempDir
    Path dir;
    private ShimFixture fixture;
    private Http http;

    @BeforeEach
    void start() throws IOException {
        fixture = ShimFixture.start(dir.resolve("store"), StandardExtensions.plain(Clock.systemUTC()));
        http = new Http(fixture.url());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ForEachKubectl
    void serverDryRunAndDiffShowTheChangeAndWriteNothing(KubectlBinary binary) throws Exception {
        Kubectl kubectl = Kubectl.forServer(binary, fixture.url(), Files.createDirectories(dir.resolve("kubectl")));
        Path manifest = dir.resolve("pod.yaml");
        Files.writeString(manifest, pod("old"));
        Kubectl.Run create = kubectl.run("apply", "-f", manifest.toString());
        assertThat(create.exitCode()).as(create.output()).isZero();
        String version = http.get(PODS + "/web").json().at("/metadata/resourceVersion").stringValue();
        Files.writeString(manifest, pod("new"));

        Kubectl.Run dryRun = kubectl.run("apply", "--dry-run=server", "-f", manifest.toString());
        Kubectl.Run diff = kubectl.run("diff", "-f", manifest.toString());

        if (binary.verifiesDryRunInOpenApiV2()) {
            assertThat(dryRun.exitCode()).isNotZero();
            assertThat(dryRun.output()).contains("/v1, Kind=Pod doesn't support dry-run");
            assertThat(diff.exitCode()).isNotZero();
        } else {
            assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
            assertThat(dryRun.output()).contains("pod/web configured (server dry run)");
            // kubectl diff exits 1 when it found differences.
            assertThat(diff.exitCode()).as(diff.output()).isEqualTo(1);
            assertThat(diff.out()).contains("-    tier: old").contains("+    tier: new");
        }
        Http.Answer stored = http.get(PODS + "/web");
        assertThat(stored.json().at("/metadata/labels/tier").stringValue()).isEqualTo("old");
        assertThat(stored.json().at("/metadata/resourceVersion").stringValue()).isEqualTo(version);
    }

    private static String pod(String tier) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  namespace: default
                  labels:
                    tier: %s
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                """.formatted(tier);
    }
}
