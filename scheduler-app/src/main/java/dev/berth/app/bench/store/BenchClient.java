package dev.berth.app.bench.store;

import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;

/**
 * The one client every row uses against both systems: Vert.x's gRPC client for the streams (watch, lease
 * keep-alive), and {@link UnaryCalls} for every unary call. Each keeps its own connection to a member.
 *
 * @param streams accepts responses of any size, as etcd's clientv3 does (2 GiB): with Vert.x's default of 256 KiB, a
 *     watch response carrying a catch-up batch broke its stream and the row lost its events
 * @param unary the unary calls
 */
record BenchClient(GrpcClient streams, UnaryCalls unary) {

    static BenchClient create(Vertx vertx) {
        return new BenchClient(GrpcClient.client(vertx, new GrpcClientOptions().setMaxMessageSize(Integer.MAX_VALUE)),
                new UnaryCalls(vertx));
    }
}
