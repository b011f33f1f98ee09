package dev.berth.app.bench.store;

import dev.berth.store.etcd.pb.KVGrpcClient;
import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseGrantResponse;
import dev.berth.store.etcd.pb.LeaseGrpcClient;
import dev.berth.store.etcd.pb.LeaseRevokeRequest;
import dev.berth.store.etcd.pb.LeaseRevokeResponse;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.PutResponse;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.util.List;

/**
 * The client side of a cluster: every member's client address, the streams' client and the unary calls. Request (or stream)
 * {@code i} goes to member {@code i mod n}, as a clientv3 client given every endpoint balances, so followers forward
 * writes and serve reads and watches for both systems alike. Lease keep-alives go to the leader, which is where etcd
 * followers forward them and where Berth's followers send clients ("not leader").
 */
public final class Endpoints {
    private final BenchClient client;
    private final List<SocketAddress> addresses;
    private final int leader;

    /** @param leader the index in {@code clientAddresses} of the member that leads */
    Endpoints(BenchClient client, List<SocketAddress> clientAddresses, int leader) {
        this.client = client;
        this.addresses = List.copyOf(clientAddresses);
        this.leader = leader;
    }

    /** Put {@code request} to member {@code request mod n}. */
    Future<PutResponse> put(int request, PutRequest put) {
        return client.unary().call(address(request), KVGrpcClient.Put, put);
    }

    /** Range {@code request} on member {@code request mod n}. */
    Future<RangeResponse> range(int request, RangeRequest range) {
        return client.unary().call(address(request), KVGrpcClient.Range, range);
    }

    /** The client address of member {@code i mod n}, for a stream of one's own. */
    SocketAddress address(int i) {
        return addresses.get(i % addresses.size());
    }

    SocketAddress leader() {
        return addresses.get(leader);
    }

    /** Grants a lease on the leader. */
    Future<LeaseGrantResponse> leaseGrant(LeaseGrantRequest grant) {
        return client.unary().call(leader(), LeaseGrpcClient.LeaseGrant, grant);
    }

    /** Revokes a lease on the leader. */
    Future<LeaseRevokeResponse> leaseRevoke(LeaseRevokeRequest revoke) {
        return client.unary().call(leader(), LeaseGrpcClient.LeaseRevoke, revoke);
    }

    /** The client for streams (watch, lease keep-alive). */
    GrpcClient grpc() {
        return client.streams();
    }
}
