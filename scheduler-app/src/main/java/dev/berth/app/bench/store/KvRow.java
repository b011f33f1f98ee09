package dev.berth.app.bench.store;

import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RangeRequest;
import io.vertx.core.Future;

/** The KV rows: one unary call per request, {@code clients} in flight, spread round-robin over the members. */
enum KvRow implements Row {
    /** Puts distinct keys: each one a Raft proposal, committed and applied before it is answered. */
    PUT("put") {
        @Override
        Future<?> send(Endpoints endpoints, Workload workload, int i) {
            return endpoints.put(i, PutRequest.newBuilder().setKey(workload.key(i)).setValue(workload.value()).build());
        }
    },
    /** Gets one key through a ReadIndex round: what a client gets by default. */
    LINEARIZABLE_RANGE("range linearizable") {
        @Override
        Future<?> send(Endpoints endpoints, Workload workload, int i) {
            return endpoints.range(i, RangeRequest.newBuilder().setKey(workload.key(i)).build());
        }
    },
    /** Gets one key from the member's local state, no consensus round. */
    SERIALIZABLE_RANGE("range serializable") {
        @Override
        Future<?> send(Endpoints endpoints, Workload workload, int i) {
            return endpoints.range(i, RangeRequest.newBuilder().setKey(workload.key(i)).setSerializable(true).build());
        }
    };

    private final String label;

    KvRow(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    abstract Future<?> send(Endpoints endpoints, Workload workload, int i);

    @Override
    public Measurement measure(Endpoints endpoints, Workload workload) throws Exception {
        ClosedLoop loop = new ClosedLoop(workload.clients(), workload.timeout());
        if (workload.warmsUp()) {
            loop.run(workload.warmupRequests(), i -> send(endpoints, workload, i));
        }
        return loop.run(workload.requests(), i -> send(endpoints, workload, i));
    }
}
