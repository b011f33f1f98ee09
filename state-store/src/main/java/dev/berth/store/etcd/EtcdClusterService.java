package dev.berth.store.etcd;

import dev.berth.store.etcd.pb.ClusterGrpcService;
import dev.berth.store.etcd.pb.Member;
import dev.berth.store.etcd.pb.MemberAddRequest;
import dev.berth.store.etcd.pb.MemberAddResponse;
import dev.berth.store.etcd.pb.MemberListRequest;
import dev.berth.store.etcd.pb.MemberListResponse;
import dev.berth.store.etcd.pb.MemberPromoteRequest;
import dev.berth.store.etcd.pb.MemberPromoteResponse;
import dev.berth.store.etcd.pb.MemberRemoveRequest;
import dev.berth.store.etcd.pb.MemberRemoveResponse;
import dev.berth.store.server.MemberIds;
import dev.berth.store.server.StoreNode;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;

/** etcd's Cluster service: list, add (as voter or learner), promote and remove members through Raft. */
final class EtcdClusterService extends ClusterGrpcService {
    private final StoreNode node;
    private final ResponseHeaders headers;
    private final String clusterToken;
    private final MemberCalls calls;

    EtcdClusterService(StoreNode node, ResponseHeaders headers, String clusterToken, MemberCalls calls) {
        this.node = node;
        this.calls = calls;
        this.headers = headers;
        this.clusterToken = clusterToken;
    }

    @Override
    public Future<MemberListResponse> memberList(MemberListRequest request) {
        return Future.succeededFuture(calls.memberList());
    }

    @Override
    public Future<MemberAddResponse> memberAdd(MemberAddRequest request) {
        if (request.getPeerURLsCount() == 0) {
            return Future.failedFuture(new StatusException(GrpcStatus.INVALID_ARGUMENT, "etcdserver: peer URLs are not given"));
        }
        long id = MemberIds.of(request.getPeerURLsList(), clusterToken);
        boolean exists = node.members().stream().anyMatch(m -> m.getId() == id);
        if (exists) {
            return Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, "etcdserver: member ID already exist"));
        }
        return StoreCalls.answer(node.addMember("", request.getPeerURLsList(), request.getIsLearner()), members -> {
            Member added = MemberCalls.toEtcd(members).stream().filter(m -> m.getID() == id).findFirst()
                    .orElse(Member.newBuilder().setID(id).addAllPeerURLs(request.getPeerURLsList()).build());
            return MemberAddResponse.newBuilder().setHeader(headers.current()).setMember(added).addAllMembers(MemberCalls.toEtcd(members)).build();
        });
    }

    @Override
    public Future<MemberRemoveResponse> memberRemove(MemberRemoveRequest request) {
        if (node.members().stream().noneMatch(m -> m.getId() == request.getID())) {
            return Future.failedFuture(new StatusException(GrpcStatus.NOT_FOUND, EtcdErrors.MEMBER_NOT_FOUND));
        }
        return StoreCalls.answer(node.removeMember(request.getID()),
                members -> MemberRemoveResponse.newBuilder().setHeader(headers.current()).addAllMembers(MemberCalls.toEtcd(members)).build());
    }

    @Override
    public Future<MemberPromoteResponse> memberPromote(MemberPromoteRequest request) {
        var member = node.members().stream().filter(m -> m.getId() == request.getID()).findFirst();
        if (member.isEmpty()) {
            return Future.failedFuture(new StatusException(GrpcStatus.NOT_FOUND, EtcdErrors.MEMBER_NOT_FOUND));
        }
        if (!member.get().getIsLearner()) {
            return Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, EtcdErrors.MEMBER_NOT_LEARNER));
        }
        return StoreCalls.answer(node.promoteMember(request.getID()),
                members -> MemberPromoteResponse.newBuilder().setHeader(headers.current()).addAllMembers(MemberCalls.toEtcd(members)).build());
    }
}
