package dev.berth.app.bench.store;

import dev.berth.store.etcd.pb.KVGrpcClient;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.util.List;

/**
 * The client side of a cluster: every member's client address and one KV stub per member. Request (or stream)
 * {@code i} goes to member {@code i mod n}, as a clientv3 client given every endpoint balances, so followers forward
 * writes and serve reads and watches for both systems alike. Lease keep-alives go to the leader, which is where etcd
 * followers forward them and where Berth's followers send clients ("not leader").
 */
public final class Endpoints {
    private final GrpcClient grpc;
    private final List<SocketAddress> addresses;
    private final List<KVGrpcClient> members;
    private final int leader;

    /** @param leader the index in {@code clientAddresses} of the member that leads */
    Endpoints(GrpcClient grpc, List<SocketAddress> clientAddresses, int leader) {
        this.grpc = grpc;
        this.addresses = List.copyOf(clientAddresses);
        this.members = clientAddresses.stream().map(a -> KVGrpcClient.create(grpc, a)).toList();
        this.leader = leader;
    }

    KVGrpcClient kv(int request) {
        return members.get(request % members.size());
    }

    /** The client address of member {@code i mod n}, for a stream of one's own. */
    SocketAddress address(int i) {
        return addresses.get(i % addresses.size());
    }

    SocketAddress leader() {
        return addresses.get(leader);
    }

    GrpcClient grpc() {
        return grpc;
    }
}
