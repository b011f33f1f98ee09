package dev.berth.store.etcd;

import dev.berth.store.etcd.pb.Member;
import dev.berth.store.etcd.pb.MemberListResponse;
import dev.berth.store.etcd.pb.StatusResponse;
import dev.berth.store.raft.RaftStatus;
import dev.berth.store.server.StoreNode;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What one member says about the cluster and itself (etcd's MemberList and Status), for the gRPC services and the
 * in-process client alike. Both answer from the member's last view, without a Raft round, as etcd does.
 */
public final class MemberCalls {
    /** The etcd API version this member speaks; etcdctl prints it and clients gate features on it. */
    static final String ETCD_VERSION = "3.4.23";

    private final StoreNode node;
    private final ResponseHeaders headers;
    private final LongSupplier dbSize;

    MemberCalls(StoreNode node, ResponseHeaders headers, LongSupplier dbSize) {
        this.node = node;
        this.headers = headers;
        this.dbSize = dbSize;
    }

    public MemberListResponse memberList() {
        return MemberListResponse.newBuilder().setHeader(headers.current()).addAllMembers(toEtcd(node.members())).build();
    }

    /** The member's Raft view; a member that knows no leader reports etcd's "no leader" in its errors. */
    public StatusResponse status() {
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
        return response.build();
    }

    static List<Member> toEtcd(List<dev.berth.store.server.pb.Member> members) {
        return members.stream().map(m -> Member.newBuilder()
                .setID(m.getId())
                .setName(m.getName())
                .addAllPeerURLs(m.getPeerUrlsList())
                .addAllClientURLs(m.getClientUrlsList())
                .setIsLearner(m.getIsLearner())
                .build()).toList();
    }
}
