package dev.berth.store.etcd;

import dev.berth.store.etcd.pb.LeaseGrpcClient;
import dev.berth.store.etcd.pb.LeaseTimeToLiveRequest;
import dev.berth.store.etcd.pb.LeaseTimeToLiveResponse;
import dev.berth.store.server.StoreNode;
import dev.berth.store.server.pb.Member;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks the leader's Lease service what only the leader's lessor knows — a lease's remaining time to live — as an
 * etcd follower forwards LeaseTimeToLive to its leader. The leader is reached on the first client URL it published;
 * while there is no leader, it has published none yet or it cannot be reached in {@code timeout}, the answer is
 * etcd's "not leader" (Unavailable), which clients retry elsewhere. If two members each name the other leader (a moment during an election), a request passes between
 * them until one of them learns better or {@code timeout} ends it.
 */
final class LeaderLeaseClient {
    private final StoreNode node;
    private final GrpcClient grpc;
    private final Duration timeout;

    LeaderLeaseClient(StoreNode node, GrpcClient grpc, Duration timeout) {
        this.node = node;
        this.grpc = grpc;
        this.timeout = timeout;
    }

    CompletableFuture<LeaseTimeToLiveResponse> timeToLive(LeaseTimeToLiveRequest request) {
        Optional<SocketAddress> leader = leaderAddress();
        if (leader.isEmpty()) {
            return CompletableFuture.failedFuture(new StatusException(GrpcStatus.UNAVAILABLE, LeaseCalls.NOT_LEADER));
        }
        return grpc.request(leader.get(), LeaseGrpcClient.LeaseTimeToLive)
                .compose(call -> call.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).send(request))
                .compose(response -> response.last().recover(failure -> Future.failedFuture(
                        response.status() == null || response.status() == GrpcStatus.OK ? failure
                                : new StatusException(response.status(), response.statusMessage()))))
                .recover(failure -> Future.failedFuture(failure instanceof StatusException ? failure
                        : new StatusException(GrpcStatus.UNAVAILABLE, LeaseCalls.NOT_LEADER)))
                .toCompletionStage().toCompletableFuture();
    }

    private Optional<SocketAddress> leaderAddress() {
        long leader = node.status().leader();
        if (leader == 0 || leader == node.id()) {
            return Optional.empty();
        }
        return node.members().stream()
                .filter(m -> m.getId() == leader && m.getClientUrlsCount() > 0)
                .findFirst()
                .map(LeaderLeaseClient::address);
    }

    private static SocketAddress address(Member member) {
        URI url = URI.create(member.getClientUrls(0));
        return SocketAddress.inetSocketAddress(url.getPort(), url.getHost());
    }
}
