package dev.berth.app.bench.store;

import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseGrpcClient;
import dev.berth.store.etcd.pb.LeaseKeepAliveRequest;
import dev.berth.store.etcd.pb.LeaseKeepAliveResponse;
import dev.berth.store.etcd.pb.LeaseRevokeRequest;
import io.vertx.grpc.client.GrpcClientRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lease keep-alive: {@code clients} leases, each renewed over a LeaseKeepAlive stream of its own to the leader with
 * one keep-alive in flight, {@code requests} keep-alives in all after an unmeasured warm-up round. The leases are
 * granted before and revoked after, outside the measurement.
 */
final class LeaseKeepAliveRow implements Row {
    /** Long enough that no lease expires during a row, however slow. */
    private static final long TTL_SECONDS = 600;

    @Override
    public String label() {
        return "lease keep-alive";
    }

    @Override
    public Measurement measure(Endpoints endpoints, Workload workload) throws Exception {
        List<Long> ids = new ArrayList<>();
        List<KeepAliveStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < workload.clients(); i++) {
                ids.add(endpoints.leaseGrant(LeaseGrantRequest.newBuilder().setTTL(TTL_SECONDS).build()).toCompletionStage()
                        .toCompletableFuture().get(workload.timeout().toSeconds(), TimeUnit.SECONDS).getID());
            }
            for (long id : ids) {
                streams.add(KeepAliveStream.open(endpoints, id, workload));
            }
            if (workload.warmsUp()) {
                round(streams, workload.warmupRequests(), workload);
            }
            return round(streams, workload.requests(), workload);
        } finally {
            streams.forEach(KeepAliveStream::close);
            for (long id : ids) {
                endpoints.leaseRevoke(LeaseRevokeRequest.newBuilder().setID(id).build()).toCompletionStage().toCompletableFuture()
                        .get(workload.timeout().toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private static Measurement round(List<KeepAliveStream> streams, int requests, Workload workload) throws InterruptedException {
        KeepAliveRound round = new KeepAliveRound(requests);
        round.start();
        streams.forEach(s -> s.run(round));
        return round.await(workload.timeout());
    }

    /** One lease's stream: sends the round's next keep-alive whenever the last one is answered. */
    private static final class KeepAliveStream {
        private final long lease;
        private final GrpcClientRequest<LeaseKeepAliveRequest, LeaseKeepAliveResponse> request;
        private volatile KeepAliveRound round;
        private volatile int inFlight;
        private volatile long sentNanos;

        private KeepAliveStream(long lease, GrpcClientRequest<LeaseKeepAliveRequest, LeaseKeepAliveResponse> request) {
            this.lease = lease;
            this.request = request;
        }

        static KeepAliveStream open(Endpoints endpoints, long lease, Workload workload) throws Exception {
            GrpcClientRequest<LeaseKeepAliveRequest, LeaseKeepAliveResponse> request = endpoints.grpc()
                    .request(endpoints.leader(), LeaseGrpcClient.LeaseKeepAlive).toCompletionStage().toCompletableFuture()
                    .get(workload.timeout().toSeconds(), TimeUnit.SECONDS);
            KeepAliveStream stream = new KeepAliveStream(lease, request);
            request.response().onFailure(failure -> stream.fail("keep-alive stream of lease " + lease + " failed: " + failure))
                    .onSuccess(response -> response.handler(stream::answered));
            return stream;
        }

        void run(KeepAliveRound next) {
            round = next;
            sendNext();
        }

        private void answered(LeaseKeepAliveResponse response) {
            long latency = System.nanoTime() - sentNanos;
            if (response.getTTL() <= 0) {
                fail("lease " + lease + " is gone: keep-alive answered TTL " + response.getTTL());
                return;
            }
            round.answered(inFlight, latency);
            sendNext();
        }

        private void sendNext() {
            int n = round.take();
            if (n == KeepAliveRound.NONE_LEFT) {
                return;
            }
            inFlight = n;
            sentNanos = System.nanoTime();
            request.write(LeaseKeepAliveRequest.newBuilder().setID(lease).build());
        }

        private void fail(String why) {
            KeepAliveRound current = round;
            if (current != null) {
                current.fail(why);
            }
        }

        void close() {
            request.cancel();
        }
    }
}
