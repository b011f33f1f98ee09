package dev.berth.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNodeConfig;
import dev.berth.store.tls.TlsSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests over etcd's limits get etcd 3.4's errors, checked against a real etcd: a put over --max-request-bytes
 * (1.5 MiB) "etcdserver: request is too large" (InvalidArgument), a gRPC message over that plus 512 KiB
 * "grpc: received message larger than max (N vs. 2097152)" (ResourceExhausted), a message that does not parse
 * "grpc: error unmarshalling request: ..." (Internal; the rest is the protobuf parser's own words). The member serves
 * on afterwards.
 */
class EtcdOversizedRequestTest {
    private static final int GRPC_LIMIT = EtcdApiServer.DEFAULT_MAX_REQUEST_BYTES + 512 * 1024;

    @TempDir
    Path dir;
    private StoreServer server;
    private Etcdctl etcdctl;
    private Vertx vertx;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        start(EtcdApiServer.DEFAULT_MAX_REQUEST_BYTES);
    }

    private void start(int maxRequestBytes) throws Exception {
        URI peer = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        URI client = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        String name = "s" + maxRequestBytes;
        server = StoreServer.start(new StoreServer.Settings(StoreNodeConfig.of(name, dir.resolve(name), peer, Map.of(name, peer)),
                client, List.of(client.toString()), TlsSettings.none(TlsSettings.Kind.CLIENT), maxRequestBytes));
        await().atMost(Duration.ofSeconds(10)).until(() -> server.node().status().role() == RoleKind.LEADER);
        etcdctl = new Etcdctl("127.0.0.1:" + server.clientPort(), dir);
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        server.close();
    }

    @Test
    void maxRequestBytesSetsTheLimit() throws Exception {
        server.close();
        start(1024);

        assertThat(etcdctl.runWithInput("v".repeat(2000), "put", "big").stderr()).contains("etcdserver: request is too large");
        assertThat(etcdctl.run("put", "small", "v".repeat(500))).isEqualTo("OK\n");
    }

    @Test
    void aPutOverMaxRequestBytesGetsEtcdsRequestTooLarge() throws Exception {
        // etcdctl reads the value from standard input when none is given: 1.6 MB is past the argument limit.
        Etcdctl.Result big = etcdctl.runWithInput("v".repeat(1_600_000), "put", "big");

        assertThat(big.exitCode()).isNotZero();
        assertThat(big.stderr()).contains("etcdserver: request is too large");
        assertThat(etcdctl.run("put", "small", "ok")).isEqualTo("OK\n");
    }

    @Test
    void aGrpcMessageOverTheTransportLimitGetsResourceExhaustedAndTheMemberServesOn() throws Exception {
        int declared = 2_200_008;
        // The 5-byte gRPC prefix announces the size; the server answers before reading a body it will not take.
        Buffer frame = Buffer.buffer().appendByte((byte) 0).appendInt(declared).appendBytes(new byte[100]);

        HttpClientResponse response = post("/etcdserverpb.KV/Put", frame);

        assertThat(grpcField(response, "grpc-status")).isEqualTo("8");
        assertThat(grpcField(response, "grpc-message"))
                .isEqualTo("grpc: received message larger than max (" + declared + " vs. " + GRPC_LIMIT + ")");
        assertThat(etcdctl.run("put", "after", "ok")).isEqualTo("OK\n");
        assertThat(etcdctl.run("get", "after", "--print-value-only")).isEqualTo("ok\n");
    }

    @Test
    void aMessageThatDoesNotParseGetsInternalAndTheMemberServesOn() throws Exception {
        Buffer frame = Buffer.buffer().appendByte((byte) 0).appendInt(4).appendBytes(new byte[] {(byte) 0xff, (byte) 0xff, 0, 1});

        HttpClientResponse response = post("/etcdserverpb.KV/Put", frame);

        assertThat(grpcField(response, "grpc-status")).isEqualTo("13");
        assertThat(grpcField(response, "grpc-message")).startsWith("grpc: error unmarshalling request: ");
        assertThat(etcdctl.run("put", "after", "ok")).isEqualTo("OK\n");
    }

    /** One gRPC call as raw HTTP/2 (prior knowledge, no TLS), so the frame can say what a real client never would. */
    private HttpClientResponse post(String path, Buffer body) throws Exception {
        HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
        return http.request(HttpMethod.POST, server.clientPort(), "127.0.0.1", path)
                .compose(request -> request.putHeader("content-type", "application/grpc").putHeader("te", "trailers").send(body))
                .compose(response -> response.body().map(ignored -> response))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A gRPC status field, from the trailers or, for a trailers-only answer, the headers; percent-decoded. */
    private static String grpcField(HttpClientResponse response, String name) {
        String value = response.getTrailer(name) != null ? response.getTrailer(name) : response.getHeader(name);
        return value == null ? null : URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
