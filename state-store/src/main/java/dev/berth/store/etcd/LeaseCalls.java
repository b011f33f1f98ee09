package dev.berth.store.etcd;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseGrantResponse;
import dev.berth.store.etcd.pb.LeaseKeepAliveResponse;
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
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * etcd's Lease calls on one member, for the gRPC service and the in-process client alike. Grants and revokes go
 * through Raft from any member (a grant without an id gets one from etcd's id generator before it is proposed).
 * Keep-alives need the expiry times only the leader's lessor keeps: a follower forwards them to it through the log.
 * TimeToLive is answered from the leader's lessor only: a follower forwards it to the leader, as etcd does. Leases
 * lists the replicated table after a ReadIndex round, on any member (etcd 3.4 does not forward it either).
 */
public final class LeaseCalls {
    static final String NOT_LEADER = "etcdserver: not leader";
    static final String TTL_TOO_LARGE = "etcdserver: too large lease TTL";
    /** etcd's MaxLeaseTTL: 9,000,000,000 seconds. */
    static final long MAX_LEASE_TTL = 9_000_000_000L;

    private final StoreNode node;
    private final MvccStore store;
    private final Lessor lessor;
    private final LeaseIds ids;
    private final ResponseHeaders headers;
    private final LeaderLeaseClient leader;

    LeaseCalls(StoreNode node, MvccStore store, Lessor lessor, LeaseIds ids, ResponseHeaders headers,
            LeaderLeaseClient leader) {
        this.node = node;
        this.leader = leader;
        this.store = store;
        this.lessor = lessor;
        this.ids = ids;
        this.headers = headers;
    }

    public CompletableFuture<LeaseGrantResponse> grant(LeaseGrantRequest request) {
        if (request.getTTL() > MAX_LEASE_TTL) {
            return CompletableFuture.failedFuture(new StatusException(GrpcStatus.OUT_OF_RANGE, TTL_TOO_LARGE));
        }
        long id = request.getID() != 0 ? request.getID() : ids.next();
        return EtcdErrors.shaped(node.propose(LeaseCommands.grant(id, request.getTTL())).thenApply(LeaseGrantResponse.class::cast));
    }

    public CompletableFuture<LeaseRevokeResponse> revoke(LeaseRevokeRequest request) {
        return EtcdErrors.shaped(node.propose(LeaseCommands.revoke(request.getID())).thenApply(LeaseRevokeResponse.class::cast));
    }

    public CompletableFuture<LeaseTimeToLiveResponse> timeToLive(LeaseTimeToLiveRequest request) {
        if (!lessor.isPrimary()) {
            return EtcdErrors.shaped(leader.timeToLive(request));
        }
        return EtcdErrors.shaped(node.readBarrier().thenApply(applied -> timeToLiveNow(request)));
    }

    public CompletableFuture<LeaseLeasesResponse> leases() {
        return EtcdErrors.shaped(node.readBarrier().thenApply(applied -> LeaseLeasesResponse.newBuilder()
                .setHeader(headers.current())
                .addAllLeases(store.leases().stream().map(l -> LeaseStatus.newBuilder().setID(l.id()).build()).toList())
                .build()));
    }

    /**
     * One keep-alive: the lease's full TTL, or TTL 0 if it does not exist. The leader answers at once from its
     * lessor; a follower forwards it through the log to the leader's lessor, as etcd forwards it to the leader.
     */
    public CompletableFuture<LeaseKeepAliveResponse> keepAlive(long id) {
        Renewal renewal = lessor.renew(id);
        if (renewal instanceof Renewal.NotLeader) {
            return EtcdErrors.shaped(node.propose(LeaseCommands.renew(id)).thenApply(LeaseKeepAliveResponse.class::cast));
        }
        long ttl = 0;
        if (renewal instanceof Renewal.Renewed renewed) {
            ttl = renewed.ttl();
            if (renewed.clearCheckpoint()) {
                node.propose(LeaseCommands.checkpoint(List.of(
                        LeaseCheckpoint.newBuilder().setID(id).setRemainingTTL(0).build())));
            }
        }
        return CompletableFuture.completedFuture(
                LeaseKeepAliveResponse.newBuilder().setHeader(headers.current()).setID(id).setTTL(ttl).build());
    }

    private LeaseTimeToLiveResponse timeToLiveNow(LeaseTimeToLiveRequest request) {
        if (!lessor.isPrimary()) {
            // Leadership moved during the read barrier: the client retries, and finds the new leader.
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
}
