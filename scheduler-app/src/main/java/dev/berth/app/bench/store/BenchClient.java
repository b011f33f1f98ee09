package dev.berth.app.bench.store;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.impl.GrpcClientImpl;

/**
 * The one client every row uses against both systems: Vert.x's gRPC client for the streams (watch, lease
 * keep-alive), and {@link UnaryCalls} for every unary call. Both send on one HTTP client, so one connection per
 * member carries a row's streams and its unary calls, as etcd's clientv3 sends every call to an endpoint on one
 * connection (docs/BENCHMARKS.md, "One connection per member").
 *
 * @param streams accepts responses of any size, as etcd's clientv3 does (2 GiB): with Vert.x's default of 256 KiB, a
 *     watch response carrying a catch-up batch broke its stream and the row lost its events
 * @param unary the unary calls
 */
record BenchClient(GrpcClient streams, UnaryCalls unary) {

    static BenchClient create(Vertx vertx) {
        HttpClient http = UnaryCalls.http2Client(vertx);
        // Vert.x 5.0.7's public factories take either a shared HttpClient or GrpcClientOptions, not both; the
        // implementation's constructor takes both (true: closing the gRPC client closes the HTTP client).
        GrpcClient streams = new GrpcClientImpl(vertx, new GrpcClientOptions().setMaxMessageSize(Integer.MAX_VALUE),
                http, true) { };
        return new BenchClient(streams, new UnaryCalls(http));
    }
}
