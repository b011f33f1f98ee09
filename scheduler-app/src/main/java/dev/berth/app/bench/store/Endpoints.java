package dev.berth.app.bench.store;

import dev.berth.store.etcd.pb.KVGrpcClient;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.util.List;

/**
 * The client side of a cluster: one KV stub per member's client URL. Request {@code i} goes to member
 * {@code i mod n}, as a clientv3 client given every endpoint balances, so followers forward writes and
 * serve reads for both systems alike.
 */
public final class Endpoints {
    private final List<KVGrpcClient> members;

    Endpoints(GrpcClient grpc, List<SocketAddress> clientAddresses) {
        this.members = clientAddresses.stream().map(a -> KVGrpcClient.create(grpc, a)).toList();
    }

    KVGrpcClient kv(int request) {
        return members.get(request % members.size());
    }
}
