package dev.berth.app.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.KVGrpcClient;
import dev.berth.store.etcd.pb.PutRequest;
import io.vertx.core.Vertx;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BenchClientTest {
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A stream call and a unary call to the same member travel on one connection, as with one clientv3 client. */
    @Test
    void streamsAndUnaryCallsShareOneConnectionPerMember() throws Exception {
        BenchClient client = BenchClient.create(vertx);
        PutRequest put = PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build();
        try (AnsweringHttp2Server server = new AnsweringHttp2Server(new CopyOnWriteArrayList<>())) {
            client.streams().request(server.address(), KVGrpcClient.Put)
                    .compose(request -> request.send(put))
                    .compose(response -> response.last())
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            client.unary().call(server.address(), KVGrpcClient.Put, put)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(server.connectionsAccepted()).isEqualTo(1);
        }
    }
}
