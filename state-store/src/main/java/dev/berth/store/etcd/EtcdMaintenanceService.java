package dev.berth.store.etcd;

import dev.berth.store.etcd.pb.MaintenanceGrpcService;
import dev.berth.store.etcd.pb.MoveLeaderRequest;
import dev.berth.store.etcd.pb.MoveLeaderResponse;
import dev.berth.store.etcd.pb.StatusRequest;
import dev.berth.store.etcd.pb.StatusResponse;
import dev.berth.store.raft.RaftStatus;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNode;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.function.LongSupplier;

/** etcd's Maintenance service: member status and leadership moves. */
final class EtcdMaintenanceService extends MaintenanceGrpcService {
    /** The etcd API version this member speaks; etcdctl prints it and clients gate features on it. */
    static final String ETCD_VERSION = "3.4.23";

    private final StoreNode node;
    private final ResponseHeaders headers;
    private final LongSupplier dbSize;

    EtcdMaintenanceService(StoreNode node, ResponseHeaders headers, LongSupplier dbSize) {
        this.node = node;
        this.headers = headers;
        this.dbSize = dbSize;
    }

    @Override
    public Future<StatusResponse> status(StatusRequest request) {
        RaftStatus raft = node.status();
        boolean learner = raft.confState().getLearnersList().contains(node.id());
        StatusResponse.Builder response = StatusResponse.newBuilder()
                .setHeader(headers.current())
                .setVersion(ETCD_VERSION)
                .setDbSize(dbSize.getAsLong())
                .setDbSizeInUse(dbSize.getAsLong())
                .setLeader(raft.leader())
                .setRaftIndex(raft.commit())
                .setRaftTerm(raft.term())
                .setRaftAppliedIndex(raft.applied())
                .setIsLearner(learner);
        if (raft.leader() == 0) {
            response.addErrors(EtcdErrors.NO_LEADER);
        }
        return Future.succeededFuture(response.build());
    }

    @Override
    public Future<MoveLeaderResponse> moveLeader(MoveLeaderRequest request) {
        RaftStatus raft = node.status();
        if (raft.role() != RoleKind.LEADER) {
            return Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, "etcdserver: not leader"));
        }
        if (!raft.confState().getVotersList().contains(request.getTargetID())) {
            return Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, "etcdserver: bad leader transferee"));
        }
        node.transferLeadership(request.getTargetID());
        return Future.succeededFuture(MoveLeaderResponse.newBuilder().setHeader(headers.current()).build());
    }
}
