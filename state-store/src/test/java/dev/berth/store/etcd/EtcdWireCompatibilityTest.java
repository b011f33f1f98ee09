package dev.berth.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.mvccpb.KeyValue;
import dev.berth.store.etcd.pb.KVGrpcClient;
import dev.berth.store.etcd.pb.KVGrpcService;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.PutResponse;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.ResponseHeader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.server.GrpcServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that the etcd protos in src/main/proto/etcd are wire-compatible with etcd 3.4: the generated Vert.x
 * stubs talk to each other, and the real etcdctl talks to a server built from them.
 */
class EtcdWireCompatibilityTest {

    private static final long CLUSTER_ID = 0x1234;
    private static final long MEMBER_ID = 0x42;

    private Vertx vertx;
    private HttpServer httpServer;

    @TempDir
    Path tempDir;

    @BeforeEach
    void startServer() {
        vertx = Vertx.vertx();
        GrpcServer grpcServer = GrpcServer.server(vertx);
        grpcServer.addService(new MapKv());
        httpServer = join(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(grpcServer)
                .listen());
    }

    /** Also closes the gRPC clients the tests create from this Vert.x instance. */
    @AfterEach
    void stopServer() {
        join(vertx.close());
    }

    @Test
    void generatedClientStubPutsAndRangesThroughGeneratedServerStub() {
        GrpcClient grpcClient = GrpcClient.client(vertx);
        KVGrpcClient kv = KVGrpcClient.create(grpcClient,
                SocketAddress.inetSocketAddress(httpServer.actualPort(), "127.0.0.1"));

        PutResponse put = join(kv.put(PutRequest.newBuilder()
                .setKey(ByteString.copyFromUtf8("foo"))
                .setValue(ByteString.copyFromUtf8("bar"))
                .build()));
        RangeResponse range = join(kv.range(RangeRequest.newBuilder()
                .setKey(ByteString.copyFromUtf8("foo"))
                .build()));

        assertThat(put.getHeader().getRevision()).isEqualTo(2);
        assertThat(range.getHeader().getRevision()).isEqualTo(2);
        assertThat(range.getHeader().getClusterId()).isEqualTo(CLUSTER_ID);
        assertThat(range.getCount()).isEqualTo(1);
        KeyValue kvPair = range.getKvs(0);
        assertThat(kvPair.getKey().toStringUtf8()).isEqualTo("foo");
        assertThat(kvPair.getValue().toStringUtf8()).isEqualTo("bar");
        assertThat(kvPair.getCreateRevision()).isEqualTo(2);
        assertThat(kvPair.getModRevision()).isEqualTo(2);
        assertThat(kvPair.getVersion()).isEqualTo(1);
    }

    @Test
    void etcdctlPutsAndGets() throws IOException, InterruptedException {
        assertThat(etcdctl("put", "foo", "bar")).isEqualTo("OK\n");
        assertThat(etcdctl("get", "foo")).isEqualTo("foo\nbar\n");
        // Only the JSON output shows the header and the revisions, so it checks those field numbers too.
        assertThat(etcdctl("get", "foo", "--write-out=json"))
                .contains("\"cluster_id\":" + CLUSTER_ID, "\"member_id\":" + MEMBER_ID, "\"revision\":2",
                        "\"create_revision\":2", "\"mod_revision\":2", "\"version\":1", "\"count\":1");
        assertThat(etcdctl("get", "missing")).isEmpty();
    }

    private String etcdctl(String... command) throws IOException, InterruptedException {
        return new Etcdctl("http://127.0.0.1:" + httpServer.actualPort(), tempDir).run(command);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Just enough of etcd's KV semantics for the test: one revision counter for the whole store, starting at 1
     * like a fresh etcd, so the first write is revision 2.
     */
    private static final class MapKv extends KVGrpcService {

        private final NavigableMap<ByteString, KeyValue> store =
                new TreeMap<>(ByteString.unsignedLexicographicalComparator());
        private long revision = 1;

        @Override
        public synchronized Future<PutResponse> put(PutRequest request) {
            revision++;
            KeyValue previous = store.get(request.getKey());
            store.put(request.getKey(), KeyValue.newBuilder()
                    .setKey(request.getKey())
                    .setValue(request.getValue())
                    .setCreateRevision(previous == null ? revision : previous.getCreateRevision())
                    .setModRevision(revision)
                    .setVersion(previous == null ? 1 : previous.getVersion() + 1)
                    .build());
            return Future.succeededFuture(PutResponse.newBuilder().setHeader(header()).build());
        }

        @Override
        public synchronized Future<RangeResponse> range(RangeRequest request) {
            List<KeyValue> kvs = matching(request.getKey(), request.getRangeEnd());
            return Future.succeededFuture(RangeResponse.newBuilder()
                    .setHeader(header())
                    .addAllKvs(kvs)
                    .setCount(kvs.size())
                    .build());
        }

        private List<KeyValue> matching(ByteString key, ByteString rangeEnd) {
            if (rangeEnd.isEmpty()) {
                KeyValue kv = store.get(key);
                return kv == null ? List.of() : List.of(kv);
            }
            if (rangeEnd.equals(ByteString.copyFrom(new byte[] {0}))) {
                return List.copyOf(store.tailMap(key, true).values());
            }
            return List.copyOf(store.subMap(key, true, rangeEnd, false).values());
        }

        private ResponseHeader header() {
            return ResponseHeader.newBuilder()
                    .setClusterId(CLUSTER_ID)
                    .setMemberId(MEMBER_ID)
                    .setRevision(revision)
                    .build();
        }
    }
}
