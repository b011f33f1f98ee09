package dev.berth.store.etcd;

import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseGrantResponse;
import dev.berth.store.etcd.pb.LeaseGrpcService;
import dev.berth.store.etcd.pb.LeaseKeepAliveRequest;
import dev.berth.store.etcd.pb.LeaseKeepAliveResponse;
import dev.berth.store.etcd.pb.LeaseLeasesRequest;
import dev.berth.store.etcd.pb.LeaseLeasesResponse;
import dev.berth.store.etcd.pb.LeaseRevokeRequest;
import dev.berth.store.etcd.pb.LeaseRevokeResponse;
import dev.berth.store.etcd.pb.LeaseTimeToLiveRequest;
import dev.berth.store.etcd.pb.LeaseTimeToLiveResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** etcd's Lease service over {@link LeaseCalls}. */
final class EtcdLeaseService extends LeaseGrpcService {
    private final LeaseCalls leases;

    EtcdLeaseService(LeaseCalls leases) {
        this.leases = leases;
    }

    @Override
    public Future<LeaseGrantResponse> leaseGrant(LeaseGrantRequest request) {
        return StoreCalls.answer(leases.grant(request));
    }

    @Override
    public Future<LeaseRevokeResponse> leaseRevoke(LeaseRevokeRequest request) {
        return StoreCalls.answer(leases.revoke(request));
    }

    @Override
    public Future<LeaseTimeToLiveResponse> leaseTimeToLive(LeaseTimeToLiveRequest request) {
        return StoreCalls.answer(leases.timeToLive(request));
    }

    @Override
    public Future<LeaseLeasesResponse> leaseLeases(LeaseLeasesRequest request) {
        return StoreCalls.answer(leases.leases());
    }

    /**
     * Answers each keep-alive, in the order asked (a follower's answers come back through the log, later than the
     * leader's own), reading no further requests while the response stream is full.
     */
    @Override
    protected void leaseKeepAlive(ReadStream<LeaseKeepAliveRequest> requests, WriteStream<LeaseKeepAliveResponse> responses) {
        Context context = Vertx.currentContext();
        AtomicReference<CompletableFuture<Void>> answered = new AtomicReference<>(CompletableFuture.completedFuture(null));
        AtomicBoolean failed = new AtomicBoolean();
        responses.drainHandler(v -> requests.resume());
        requests.exceptionHandler(failure -> requests.handler(null));
        requests.endHandler(v -> answered.get().whenComplete((ok, e) -> context.runOnContext(x -> {
            if (!failed.get()) {
                responses.end();
            }
        })));
        requests.handler(request -> {
            CompletableFuture<LeaseKeepAliveResponse> answer = leases.keepAlive(request.getID());
            answered.set(answered.get().thenCompose(previous -> answer.handle((response, failure) -> {
                context.runOnContext(x -> deliver(requests, responses, failed, response, failure));
                return null;
            })));
        });
    }

    private static void deliver(ReadStream<LeaseKeepAliveRequest> requests, WriteStream<LeaseKeepAliveResponse> responses,
                                AtomicBoolean failed, LeaseKeepAliveResponse response, Throwable failure) {
        if (failed.get()) {
            return;
        }
        if (failure != null) {
            failed.set(true);
            requests.handler(null);
            fail(responses, EtcdErrors.toStatus(failure));
            return;
        }
        responses.write(response);
        if (responses.writeQueueFull()) {
            requests.pause();
        }
    }

    private static void fail(WriteStream<LeaseKeepAliveResponse> responses, StatusException refused) {
        if (responses instanceof GrpcServerResponse<?, ?> grpc) {
            grpc.status(refused.status()).statusMessage(refused.message()).end();
        } else {
            responses.end();
        }
    }
}
