package dev.berth.app.bench.store;

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
import io.vertx.core.net.SocketAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare HTTP/2 server on loopback that answers every request, once the request has ended, with an empty gRPC
 * message and status OK; it records each DATA frame it receives and counts the connections it accepts.
 */
final class AnsweringHttp2Server implements AutoCloseable {
    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicInteger connections = new AtomicInteger();
    private final Channel listening;

    AnsweringHttp2Server(List<String> dataFrames) throws InterruptedException {
        listening = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.incrementAndGet();
                        channel.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), new AnswerEmpty(dataFrames));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    SocketAddress address() {
        return SocketAddress.inetSocketAddress(((InetSocketAddress) listening.localAddress()).getPort(), "127.0.0.1");
    }

    int connectionsAccepted() {
        return connections.get();
    }

    @Override
    public void close() throws InterruptedException {
        listening.close().sync();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
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
}
