package dev.berth.store.client;

import dev.berth.store.etcd.pb.ClusterGrpcClient;
import dev.berth.store.etcd.pb.CompactionRequest;
import dev.berth.store.etcd.pb.CompactionResponse;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.DeleteRangeResponse;
import dev.berth.store.etcd.pb.KVGrpcClient;
import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseGrantResponse;
import dev.berth.store.etcd.pb.LeaseGrpcClient;
import dev.berth.store.etcd.pb.LeaseKeepAliveRequest;
import dev.berth.store.etcd.pb.LeaseKeepAliveResponse;
import dev.berth.store.etcd.pb.LeaseRevokeRequest;
import dev.berth.store.etcd.pb.LeaseRevokeResponse;
import dev.berth.store.etcd.pb.LeaseTimeToLiveRequest;
import dev.berth.store.etcd.pb.LeaseTimeToLiveResponse;
import dev.berth.store.etcd.pb.MaintenanceGrpcClient;
import dev.berth.store.etcd.pb.MemberListRequest;
import dev.berth.store.etcd.pb.MemberListResponse;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.PutResponse;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.StatusRequest;
import dev.berth.store.etcd.pb.StatusResponse;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.etcd.pb.TxnResponse;
import dev.berth.store.etcd.pb.WatchCreateRequest;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.common.ServiceMethod;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link StoreClient} over the etcd v3 gRPC API of a list of members, failing over between them.
 *
 * <p>The retry rule: a call goes to the current endpoint; when the attempt fails and nothing can have been applied
 * (the connection was refused, or the member answered "etcdserver: not leader" / "etcdserver: no leader", which
 * Berth sends only before proposing), the client moves to the next endpoint and tries again. When the outcome is
 * unknown (a timeout, a connection lost mid-call, "request timed out", "server stopped", "leader changed") it tries
 * again only reads, keep-alives and watches; a write fails with {@link StoreClientException.OutcomeUnknown}, so a
 * put is never applied twice behind the caller's back. An etcd error is final. Attempts are bounded by
 * {@link ClientOptions}; then the call fails with {@link StoreClientException.Unavailable} naming every endpoint
 * tried and its error.
 *
 * <p>Each watch has its own stream; a lost stream is re-created on the next member from the revision after the
 * last one delivered. A member that stops answering without closing the connection is not detected (no gRPC
 * keep-alive pings yet).
 */
public final class RemoteStoreClient implements StoreClient {
    /** A range of a whole resource type can be large; etcd's clients accept any size too. */
    private static final long MAX_RESPONSE_BYTES = Integer.MAX_VALUE;

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final GrpcClient grpc;
    private final GrpcCalls calls;
    private final Failover failover;
    private final Set<RemoteWatch> watches = ConcurrentHashMap.newKeySet();

    private RemoteStoreClient(Vertx vertx, boolean ownsVertx, List<Endpoint> endpoints, ClientOptions options) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        // The deadline is scheduled so that an attempt that times out also resets its HTTP/2 stream.
        this.grpc = GrpcClient.client(vertx, new GrpcClientOptions().setScheduleDeadlineAutomatically(true)
                .setMaxMessageSize(MAX_RESPONSE_BYTES));
        this.calls = new GrpcCalls(grpc);
        this.failover = new Failover(vertx, endpoints, options);
    }

    /** A client with a Vert.x instance of its own, closed with the client. */
    public static RemoteStoreClient connect(List<Endpoint> endpoints, ClientOptions options) {
        return new RemoteStoreClient(Vertx.vertx(), true, endpoints, options);
    }

    /** A client on the caller's Vert.x instance, which stays open when the client closes. */
    public static RemoteStoreClient connect(Vertx vertx, List<Endpoint> endpoints, ClientOptions options) {
        return new RemoteStoreClient(vertx, false, endpoints, options);
    }

    @Override
    public CompletionStage<RangeResponse> range(RangeRequest request) {
        return send(Operation.RANGE, KVGrpcClient.Range, request);
    }

    @Override
    public CompletionStage<PutResponse> put(PutRequest request) {
        return send(Operation.PUT, KVGrpcClient.Put, request);
    }

    @Override
    public CompletionStage<DeleteRangeResponse> deleteRange(DeleteRangeRequest request) {
        return send(Operation.DELETE_RANGE, KVGrpcClient.DeleteRange, request);
    }

    @Override
    public CompletionStage<TxnResponse> txn(TxnRequest request) {
        return send(Operation.TXN, KVGrpcClient.Txn, request);
    }

    @Override
    public CompletionStage<CompactionResponse> compact(CompactionRequest request) {
        return send(Operation.COMPACT, KVGrpcClient.Compact, request);
    }

    @Override
    public WatchHandle watch(WatchCreateRequest request, WatchListener listener) {
        return RemoteWatch.open(failover, grpc, vertx.getOrCreateContext(), request, listener, watches);
    }

    @Override
    public CompletionStage<LeaseGrantResponse> leaseGrant(LeaseGrantRequest request) {
        return send(Operation.LEASE_GRANT, LeaseGrpcClient.LeaseGrant, request);
    }

    @Override
    public CompletionStage<LeaseRevokeResponse> leaseRevoke(LeaseRevokeRequest request) {
        return send(Operation.LEASE_REVOKE, LeaseGrpcClient.LeaseRevoke, request);
    }

    /** A keep-alive stream carrying one request: etcd has no unary keep-alive. */
    @Override
    public CompletionStage<LeaseKeepAliveResponse> leaseKeepAliveOnce(LeaseKeepAliveRequest request) {
        return send(Operation.LEASE_KEEP_ALIVE, LeaseGrpcClient.LeaseKeepAlive, request);
    }

    @Override
    public CompletionStage<LeaseTimeToLiveResponse> leaseTimeToLive(LeaseTimeToLiveRequest request) {
        return send(Operation.LEASE_TIME_TO_LIVE, LeaseGrpcClient.LeaseTimeToLive, request);
    }

    @Override
    public CompletionStage<MemberListResponse> memberList() {
        return send(Operation.MEMBER_LIST, ClusterGrpcClient.MemberList, MemberListRequest.getDefaultInstance());
    }

    @Override
    public CompletionStage<StatusResponse> status() {
        return send(Operation.STATUS, MaintenanceGrpcClient.Status, StatusRequest.getDefaultInstance());
    }

    /** Ends open watches with {@link WatchEnd.Canceled}, closes the connections, and Vert.x if the client owns it. */
    @Override
    public void close() {
        for (RemoteWatch watch : List.copyOf(watches)) {
            watch.end(new WatchEnd.Canceled("the client was closed"));
        }
        grpc.close();
        if (ownsVertx) {
            vertx.close();
        }
    }

    private <Req, Resp> CompletionStage<Resp> send(Operation operation, ServiceMethod<Resp, Req> method, Req request) {
        return failover.call(operation, (endpoint, timeout) -> calls.call(operation, endpoint, method, request, timeout))
                .toCompletionStage();
    }
}
