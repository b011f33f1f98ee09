package dev.berth.shim.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.testing.ForEachKubectl;
import dev.berth.shim.testing.Kubectl;
import dev.berth.shim.testing.KubectlBinary;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shim's own stack: Vert.x serving TLS from the generated PEM files, kubectl connecting with the kubeconfig. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VertxServingTest {

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @ForEachKubectl
    void vertxServesTheGeneratedCertificateAndKubectlTrustsIt(KubectlBinary binary) throws Exception {
        ServingCertificates certs = ServingCertificates.ensure(dir.resolve("pki"), List.of());
        TokenFile tokens = TokenFile.generate(dir.resolve("tokens.csv"));
        BearerTokens authenticator = new BearerTokens(tokens);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(
                        new PemKeyCertOptions().setCertPath(certs.certificate().toString())
                                .setKeyPath(certs.privateKey().toString())))
                .requestHandler(request -> {
                    boolean known = authenticator.authenticate(request.getHeader("Authorization"))
                            .filter(user -> user.groups().contains("system:masters")).isPresent();
                    request.response().setStatusCode(known ? 200 : 401).putHeader("Content-Type", "application/json")
                            .end(known ? "{\"gitVersion\":\"v1.32.0-vertx\"}" : "{\"kind\":\"Status\","
                                    + "\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Unauthorized\","
                                    + "\"message\":\"Unauthorized\",\"code\":401}");
                })
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        Path kubeconfig = dir.resolve("kubeconfig");
        KubeconfigWriter.write(kubeconfig, "https://localhost:" + server.actualPort(), certs.caCertificatePem(),
                tokens.adminToken().orElseThrow(), "berth");

        Kubectl.Run run = Kubectl.withKubeconfig(binary, kubeconfig, dir).run("get", "--raw", "/version");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("v1.32.0-vertx");
    }
}
