package dev.berth.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client URL's HTTP/2 connections get Netty's flush consolidation, and answers completed on another thread, as
 * the member's are, all reach the client with it in place.
 */
class FlushCoalescingTest {
    private final Vertx vertx = Vertx.vertx();
    private final ExecutorService memberThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        memberThread.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void answersCompletedOffTheEventLoopAllArriveThroughTheConsolidatingHandler() throws Exception {
        CompletableFuture<Boolean> installed = new CompletableFuture<>();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .connectionHandler(connection -> {
                    EtcdApiServer.coalesceFlushes(connection);
                    installed.complete(((ConnectionBase) connection).channel().pipeline()
                            .get(FlushConsolidationHandler.class) != null);
                })
                .requestHandler(request -> request.body().onSuccess(body ->
                        memberThread.execute(() -> request.response().end("answer " + body))));
        int port = server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false).setDefaultHost("127.0.0.1").setDefaultPort(port));

        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String body = String.valueOf(i);
            answers.add(client.request(HttpMethod.POST, "/").compose(request -> request.send(Buffer.buffer(body)))
                    .compose(HttpClientResponse::body).map(Buffer::toString));
        }

        assertThat(Future.all(answers).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).<String>list())
                .hasSize(64).allSatisfy(answer -> assertThat(answer).startsWith("answer "))
                .extracting(answer -> Integer.parseInt(answer.substring("answer ".length()))).doesNotHaveDuplicates();
        assertThat(installed.get(10, TimeUnit.SECONDS)).as("the handler is in the connection's pipeline").isTrue();
    }
}
