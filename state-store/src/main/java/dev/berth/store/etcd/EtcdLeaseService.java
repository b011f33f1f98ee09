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
import io.vertx.core.Future;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;

/** etcd's Lease service over {@link LeaseCalls}; a keep-alive stream on a follower ends with etcd's "not leader". */
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

    /** Answers each keep-alive in order, reading no further requests while the response stream is full. */
    @Override
    protected void leaseKeepAlive(ReadStream<LeaseKeepAliveRequest> requests, WriteStream<LeaseKeepAliveResponse> responses) {
        responses.drainHandler(v -> requests.resume());
        requests.exceptionHandler(failure -> requests.handler(null));
        requests.endHandler(v -> responses.end());
        requests.handler(request -> {
            LeaseKeepAliveResponse answer;
            try {
                answer = leases.keepAlive(request.getID());
            } catch (StatusException refused) {
                requests.handler(null);
                fail(responses, refused);
                return;
            }
            responses.write(answer);
            if (responses.writeQueueFull()) {
                requests.pause();
            }
        });
    }

    private static void fail(WriteStream<LeaseKeepAliveResponse> responses, StatusException refused) {
        if (responses instanceof GrpcServerResponse<?, ?> grpc) {
            grpc.status(refused.status()).statusMessage(refused.message()).end();
        } else {
            responses.end();
        }
    }
}
