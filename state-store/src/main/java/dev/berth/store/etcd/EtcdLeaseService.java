package dev.berth.store.etcd;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseGrantResponse;
import dev.berth.store.etcd.pb.LeaseGrpcService;
import dev.berth.store.etcd.pb.LeaseKeepAliveRequest;
import dev.berth.store.etcd.pb.LeaseKeepAliveResponse;
import dev.berth.store.etcd.pb.LeaseLeasesRequest;
import dev.berth.store.etcd.pb.LeaseLeasesResponse;
import dev.berth.store.etcd.pb.LeaseRevokeRequest;
import dev.berth.store.etcd.pb.LeaseRevokeResponse;
import dev.berth.store.etcd.pb.LeaseStatus;
import dev.berth.store.etcd.pb.LeaseTimeToLiveRequest;
import dev.berth.store.etcd.pb.LeaseTimeToLiveResponse;
import dev.berth.store.lease.LeaseCommands;
import dev.berth.store.lease.LeaseIds;
import dev.berth.store.lease.Lessor;
import dev.berth.store.lease.Renewal;
import dev.berth.store.mvcc.MvccStore;
import dev.berth.store.mvcc.pb.LeaseCheckpoint;
import dev.berth.store.server.StoreNode;
import io.vertx.core.Future;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import java.util.List;
import java.util.Optional;

/**
 * etcd's Lease service. Grants and revokes go through Raft from any member (a grant without an id gets one from
 * etcd's id generator before it is proposed). Keep-alives and TimeToLive need the expiry times only the leader's
 * lessor keeps: a follower answers them with etcd's {@value #NOT_LEADER} (Unavailable), which clients treat as
 * retryable and retry on another endpoint, instead of forwarding to the leader as etcd does. Leases lists the
 * replicated table after a ReadIndex round.
 */
final class EtcdLeaseService extends LeaseGrpcService {
    static final String NOT_LEADER = "etcdserver: not leader";
    static final String TTL_TOO_LARGE = "etcdserver: too large lease TTL";
    /** etcd's MaxLeaseTTL: 9,000,000,000 seconds. */
    static final long MAX_LEASE_TTL = 9_000_000_000L;

    private final StoreNode node;
    private final MvccStore store;
    private final Lessor lessor;
    private final LeaseIds ids;
    private final ResponseHeaders headers;

    EtcdLeaseService(StoreNode node, MvccStore store, Lessor lessor, LeaseIds ids, ResponseHeaders headers) {
        this.node = node;
        this.store = store;
        this.lessor = lessor;
        this.ids = ids;
        this.headers = headers;
    }

    @Override
    public Future<LeaseGrantResponse> leaseGrant(LeaseGrantRequest request) {
        if (request.getTTL() > MAX_LEASE_TTL) {
            return Future.failedFuture(new StatusException(GrpcStatus.OUT_OF_RANGE, TTL_TOO_LARGE));
        }
        long id = request.getID() != 0 ? request.getID() : ids.next();
        return StoreCalls.answer(node.propose(LeaseCommands.grant(id, request.getTTL())), LeaseGrantResponse.class::cast);
    }

    @Override
    public Future<LeaseRevokeResponse> leaseRevoke(LeaseRevokeRequest request) {
        return StoreCalls.answer(node.propose(LeaseCommands.revoke(request.getID())), LeaseRevokeResponse.class::cast);
    }

    @Override
    public Future<LeaseTimeToLiveResponse> leaseTimeToLive(LeaseTimeToLiveRequest request) {
        return StoreCalls.answer(node.readBarrier(), applied -> timeToLive(request));
    }

    @Override
    public Future<LeaseLeasesResponse> leaseLeases(LeaseLeasesRequest request) {
        return StoreCalls.answer(node.readBarrier(), applied -> LeaseLeasesResponse.newBuilder()
                .setHeader(headers.current())
                .addAllLeases(store.leases().stream().map(l -> LeaseStatus.newBuilder().setID(l.id()).build()).toList())
                .build());
    }

    /** Answers each keep-alive in order, reading no further requests while the response stream is full. */
    @Override
    protected void leaseKeepAlive(ReadStream<LeaseKeepAliveRequest> requests, WriteStream<LeaseKeepAliveResponse> responses) {
        responses.drainHandler(v -> requests.resume());
        requests.exceptionHandler(failure -> requests.handler(null));
        requests.endHandler(v -> responses.end());
        requests.handler(request -> {
            Renewal renewal = lessor.renew(request.getID());
            if (renewal instanceof Renewal.NotLeader) {
                requests.handler(null);
                failNotLeader(responses);
                return;
            }
            long ttl = 0;
            if (renewal instanceof Renewal.Renewed renewed) {
                ttl = renewed.ttl();
                if (renewed.clearCheckpoint()) {
                    node.propose(LeaseCommands.checkpoint(List.of(
                            LeaseCheckpoint.newBuilder().setID(request.getID()).setRemainingTTL(0).build())));
                }
            }
            responses.write(LeaseKeepAliveResponse.newBuilder()
                    .setHeader(headers.current()).setID(request.getID()).setTTL(ttl).build());
            if (responses.writeQueueFull()) {
                requests.pause();
            }
        });
    }

    private LeaseTimeToLiveResponse timeToLive(LeaseTimeToLiveRequest request) {
        if (!lessor.isPrimary()) {
            throw new StatusException(GrpcStatus.UNAVAILABLE, NOT_LEADER);
        }
        LeaseTimeToLiveResponse.Builder response = LeaseTimeToLiveResponse.newBuilder()
                .setHeader(headers.current()).setID(request.getID());
        Optional<Lessor.Remaining> remaining = lessor.remaining(request.getID());
        if (remaining.isEmpty()) {
            return response.setTTL(-1).build();
        }
        response.setTTL(remaining.get().ttlSeconds()).setGrantedTTL(remaining.get().lease().ttl());
        if (request.getKeys()) {
            List<ByteString> keys = store.leaseKeys(request.getID());
            response.addAllKeys(keys);
        }
        return response.build();
    }

    private static void failNotLeader(WriteStream<LeaseKeepAliveResponse> responses) {
        if (responses instanceof GrpcServerResponse<?, ?> grpc) {
            grpc.status(GrpcStatus.UNAVAILABLE).statusMessage(NOT_LEADER).end();
        } else {
            responses.end();
        }
    }
}
