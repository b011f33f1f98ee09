package dev.berth.shim.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.berth.shim.testing.ForEachKubectl;
import dev.berth.shim.testing.Kubectl;
import dev.berth.shim.testing.KubectlBinary;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated CA, serving certificate, token file and kubeconfig together, proven with the real kubectl and the
 * fabric8 client against a test HTTPS server that authenticates with {@link BearerTokens}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KubeconfigOverTlsTest {

    private static final String VERSION = "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0-berth\"}";
    private static final String UNAUTHORIZED = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}";

    @TempDir
    Path dir;

    private HttpsServer server;
    private String token;
    private String caPem;

    @BeforeEach
    void serve() throws Exception {
        ServingCertificates certs = ServingCertificates.ensure(dir.resolve("pki"), List.of());
        TokenFile tokens = TokenFile.generate(dir.resolve("tokens.csv"));
        BearerTokens authenticator = new BearerTokens(tokens);
        token = tokens.adminToken().orElseThrow();
        caPem = certs.caCertificatePem();

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext(certs)));
        server.createContext("/", exchange -> {
            boolean known = authenticator.authenticate(exchange.getRequestHeaders().getFirst("Authorization"))
                    .isPresent();
            boolean version = exchange.getRequestURI().getPath().equals("/version");
            byte[] body = (known ? (version ? VERSION : "{}") : UNAUTHORIZED).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? (version ? 200 : 404) : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static SSLContext sslContext(ServingCertificates certs) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("apiserver", ServingCertificates.parseKey(certs.privateKeyPem()), new char[0],
                new Certificate[] {ServingCertificates.parseCertificate(certs.certificatePem())});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private String serverUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    private Kubectl.Run kubectl(KubectlBinary binary, Path kubeconfig, String... args)
            throws IOException, InterruptedException {
        return Kubectl.withKubeconfig(binary, kubeconfig, dir).run(args);
    }

    @ForEachKubectl
    void kubectlTrustsTheCaAndAuthenticatesWithTheToken(KubectlBinary binary) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        KubeconfigWriter.write(kubeconfig, serverUrl(), caPem, token, "berth");

        Kubectl.Run run = kubectl(binary, kubeconfig, "get", "--raw", "/version");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("v1.32.0-berth");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig))).isEqualTo("rw-------");
    }

    @ForEachKubectl
    void kubectlWithAWrongTokenIsRefused(KubectlBinary binary) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        KubeconfigWriter.write(kubeconfig, serverUrl(), caPem, token + "x", "berth");

        Kubectl.Run run = kubectl(binary, kubeconfig, "get", "--raw", "/version");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("Unauthorized");
    }

    @ForEachKubectl
    void kubectlRefusesAServerSignedByAnotherCa(KubectlBinary binary) throws Exception {
        String otherCa = ServingCertificates.ensure(dir.resolve("other-pki"), List.of()).caCertificatePem();
        Path kubeconfig = dir.resolve("kubeconfig");
        KubeconfigWriter.write(kubeconfig, serverUrl(), otherCa, token, "berth");

        Kubectl.Run run = kubectl(binary, kubeconfig, "get", "--raw", "/version");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("certificate");
    }

    @Test
    void fabric8TrustsTheKubeconfig() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        KubeconfigWriter.write(kubeconfig, serverUrl(), caPem, token, "berth");

        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
            assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.32.0-berth");
        }
    }

    @Test
    void fabric8WithAWrongTokenIsRefused() throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        KubeconfigWriter.write(kubeconfig, serverUrl(), caPem, "wrong", "berth");

        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(client::getKubernetesVersion)
                    .isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(401));
        }
    }
}
