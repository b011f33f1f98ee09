package dev.berth.app.bench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.etcd.pb.KVGrpcClient;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNodeConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's unary calls against an in-process Berth member, and on the wire against a bare HTTP/2 server. */
class UnaryCallsTest {
    @TempDir
    Path dir;

    private Vertx vertx;
    private UnaryCalls unary;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        unary = new UnaryCalls(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void putsAndReadsBackAndReportsTheServersError() throws Exception {
        try (StoreServer server = member()) {
            SocketAddress address = SocketAddress.inetSocketAddress(server.clientPort(), "127.0.0.1");
            ByteString key = ByteString.copyFromUtf8("k");

            result(unary.call(address, KVGrpcClient.Put, PutRequest.newBuilder().setKey(key)
                    .setValue(ByteString.copyFromUtf8("v")).build()));
            RangeResponse read = result(unary.call(address, KVGrpcClient.Range, RangeRequest.newBuilder().setKey(key).build()));

            assertThat(read.getKvs(0).getValue().toStringUtf8()).isEqualTo("v");
            assertThatThrownBy(() -> result(unary.call(address, KVGrpcClient.Range, RangeRequest.newBuilder().setKey(key)
                    .setRevision(1_000_000).build())))
                    .hasMessageContaining("/etcdserverpb.KV/Range: gRPC status 11: etcdserver: mvcc: required revision is a future revision");
        }
    }

    /**
     * The request's message ends the stream: a server that has answered never waits for a last empty frame, so
     * grpc-go has no stream to reset (see {@link UnaryCalls}).
     */
    @Test
    void theMessageAndTheEndOfTheRequestTravelInOneFrame() throws Exception {
        List<String> dataFrames = new CopyOnWriteArrayList<>();
        try (NettyServer server = new NettyServer(dataFrames)) {
            result(unary.call(server.address(), KVGrpcClient.Put, PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build()));

            assertThat(dataFrames).containsExactly("8 bytes, end of stream");
        }
    }

    /**
     * Calls made from a thread outside Vert.x, each answered in one flush (headers, message and trailers arrive
     * together), 64 in flight as the bench keeps them: every one completes. A response handler attached one step
     * too late misses the end of such an answer, and its call never completes.
     */
    @Test
    void everyCallCompletesWhenTheWholeAnswerArrivesAtOnce() throws Exception {
        int calls = 20_000;
        try (NettyServer server = new NettyServer(new CopyOnWriteArrayList<>())) {
            Semaphore inFlight = new Semaphore(64);
            CountDownLatch completed = new CountDownLatch(calls);
            PutRequest put = PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build();
            for (int i = 0; i < calls; i++) {
                assertThat(inFlight.tryAcquire(10, TimeUnit.SECONDS)).as("a slot free within 10 s, call %d", i).isTrue();
                unary.call(server.address(), KVGrpcClient.Put, put).onComplete(answered -> {
                    completed.countDown();
                    inFlight.release();
                });
            }

            assertThat(completed.await(30, TimeUnit.SECONDS)).as("%d of %d calls still open", completed.getCount(), calls).isTrue();
        }
    }

    /** A bare HTTP/2 server on loopback that answers every request with {@link AnswerEmpty}. */
    private static final class NettyServer implements AutoCloseable {
        private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        private final Channel listening;

        NettyServer(List<String> dataFrames) throws InterruptedException {
            listening = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), new AnswerEmpty(dataFrames));
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        }

        SocketAddress address() {
            return SocketAddress.inetSocketAddress(((InetSocketAddress) listening.localAddress()).getPort(), "127.0.0.1");
        }

        @Override
        public void close() throws InterruptedException {
            listening.close().sync();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Records each DATA frame and answers the request with an empty message and status OK. */
    private static final class AnswerEmpty extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private final List<String> dataFrames;

        AnswerEmpty(List<String> dataFrames) {
            this.dataFrames = dataFrames;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, Http2StreamFrame frame) {
            if (frame instanceof Http2DataFrame data) {
                dataFrames.add(data.content().readableBytes() + " bytes" + (data.isEndStream() ? ", end of stream" : ""));
                if (data.isEndStream()) {
                    context.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                            .set("content-type", "application/grpc")).stream(frame.stream()));
                    context.write(new DefaultHttp2DataFrame(context.alloc().buffer().writeZero(5)).stream(frame.stream()));
                    context.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().set("grpc-status", "0"), true)
                            .stream(frame.stream()));
                }
            }
        }
    }

    private StoreServer member() throws IOException {
        URI peer = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        StoreServer server = StoreServer.start(new StoreServer.Settings(StoreNodeConfig.of("m1", dir.resolve("m1"), peer,
                Map.of("m1", peer)), URI.create("http://127.0.0.1:0"), List.of()));
        await().atMost(Duration.ofSeconds(15)).until(() -> server.node().status().role() == RoleKind.LEADER);
        return server;
    }

    private static <T> T result(Future<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
