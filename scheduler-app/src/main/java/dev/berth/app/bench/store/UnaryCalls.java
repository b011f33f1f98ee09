package dev.berth.app.bench.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.WireFormat;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's unary gRPC calls, sent as one HEADERS frame and one DATA frame that ends the stream.
 *
 * <p>Vert.x's gRPC client (5.0.7) ends a unary request with an empty DATA frame of its own. When a grpc-go server
 * (etcd) has answered before that frame arrives, it resets the stream with NO_ERROR, and Vert.x's HTTP/2 client
 * counts every reset it receives against the flood limit Netty means for servers, 200 in 30 s (vert.x issue 5907,
 * fixed after 5.0.7): past it, the client closes its own connection and every call on it fails with "Stream was
 * closed". A loaded client sends that last frame late often enough; one short run saw 341 resets from etcd in 10,000
 * calls. A request whose message carries END_STREAM leaves the server nothing to reset.
 */
final class UnaryCalls {
    private static final int PREFIX_BYTES = 5;

    private final HttpClient http;

    UnaryCalls(HttpClient http) {
        this.http = http;
    }

    /** An HTTP client that speaks HTTP/2 without upgrade, as gRPC needs. */
    static HttpClient http2Client(Vertx vertx) {
        return vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    }

    /** Calls {@code method} of the server at {@code server}; fails with the server's gRPC status unless it is OK. */
    <Req, Resp> Future<Resp> call(SocketAddress server, ServiceMethod<Resp, Req> method, Req request) {
        Buffer message = method.encoder().encode(request, WireFormat.PROTOBUF).payload();
        Buffer frame = Buffer.buffer(PREFIX_BYTES + message.length()).appendByte((byte) 0).appendInt(message.length())
                .appendBuffer(message);
        String path = "/" + method.fullMethodName();
        RequestOptions options = new RequestOptions().setServer(server).setMethod(HttpMethod.POST)
                .setURI(path).putHeader("content-type", "application/grpc")
                .putHeader("te", "trailers");
        // body() is asked for inside send()'s callback, on the call's own context: chained one level out, it could
        // run after the response had ended, and a response ends only once, so the call would never complete.
        return http.request(options).compose(call -> call.send(frame)
                .compose(response -> response.body().map(body -> answer(method, path, response, body))));
    }

    private static <Resp> Resp answer(ServiceMethod<Resp, ?> method, String path, HttpClientResponse response, Buffer body) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": HTTP status " + response.statusCode());
        }
        String status = statusField(response, "grpc-status");
        if (!"0".equals(status)) {
            throw new IllegalStateException(path + ": gRPC status " + status + ": "
                    + percentDecoded(statusField(response, "grpc-message")));
        }
        if (body.length() < PREFIX_BYTES || body.getByte(0) != 0
                || body.length() != PREFIX_BYTES + body.getInt(1)) {
            throw new IllegalStateException(path + ": the answer is not one uncompressed message (" + body.length()
                    + " bytes)");
        }
        return method.decoder().decode(GrpcMessage.message("identity", WireFormat.PROTOBUF,
                body.slice(PREFIX_BYTES, body.length())));
    }

    /** A call that fails at once answers with headers only, so its status is in the headers, not the trailers. */
    private static String statusField(HttpClientResponse response, String name) {
        String trailer = response.getTrailer(name);
        return trailer != null ? trailer : response.getHeader(name);
    }

    /** gRPC percent-encodes grpc-message; unlike a URL query, a '+' in it is a plus, not a space. */
    private static String percentDecoded(String message) {
        return message == null ? null : URLDecoder.decode(message.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
