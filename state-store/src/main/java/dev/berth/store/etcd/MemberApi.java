package dev.berth.store.etcd;

import dev.berth.store.lease.LeaseIds;
import dev.berth.store.lease.Lessor;
import dev.berth.store.mvcc.MvccStore;
import dev.berth.store.server.StoreNode;
import dev.berth.store.watch.WatchHub;
import dev.berth.store.watch.WatchOptions;
import io.vertx.grpc.client.GrpcClient;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The etcd v3 API of one member as plain calls, without gRPC: what the etcd services serve and what an in-process
 * client calls, so both take the same paths into the member, its MVCC store, watch hub and lessor.
 */
public final class MemberApi {
    private final StoreNode node;
    private final MvccStore store;
    private final ResponseHeaders headers;
    private final KvCalls kv;
    private final LeaseCalls leases;
    private final MemberCalls members;
    private final WatchHub watches;
    private final String clusterToken;

    private MemberApi(StoreNode node, MvccStore store, ResponseHeaders headers, KvCalls kv, LeaseCalls leases,
            MemberCalls members, WatchHub watches, String clusterToken) {
        this.node = node;
        this.store = store;
        this.headers = headers;
        this.kv = kv;
        this.leases = leases;
        this.members = members;
        this.watches = watches;
        this.clusterToken = clusterToken;
    }

    /**
     * The API over {@code node}, {@code store} and the member's {@code lessor}; response headers carry
     * {@code clusterId}; {@code dbSize} is what Status reports as the backend's size in bytes. Starts the store's
     * watch hub (one per store: it is the store's event listener), which the Watch service closes. Writes larger
     * than {@code maxRequestBytes} are refused and watch responses split at that size, as etcd's
     * {@code --max-request-bytes} does. Lease calls only the leader can answer go to it through {@code leaderClient},
     * each given {@code requestTimeout}.
     */
    public static MemberApi of(StoreNode node, MvccStore store, Lessor lessor, long clusterId, String clusterToken,
            LongSupplier dbSize, int maxRequestBytes, GrpcClient leaderClient, Duration requestTimeout) {
        ResponseHeaders headers = new ResponseHeaders(clusterId, node, store::currentRevision);
        store.useHeaderFactory(headers::at);
        WatchHub hub = new WatchHub(store, headers::at, WatchOptions.defaults(maxRequestBytes));
        return new MemberApi(node, store, headers, new KvCalls(node, store, maxRequestBytes),
                new LeaseCalls(node, store, lessor, new LeaseIds(node.id(), System.currentTimeMillis()), headers,
                        new LeaderLeaseClient(node, leaderClient, requestTimeout)),
                new MemberCalls(node, headers, dbSize), hub, clusterToken);
    }

    public KvCalls kv() {
        return kv;
    }

    public LeaseCalls leases() {
        return leases;
    }

    public MemberCalls members() {
        return members;
    }

    /** The store's watch hub; open a stream on it per client. */
    public WatchHub watches() {
        return watches;
    }

    StoreNode node() {
        return node;
    }

    MvccStore store() {
        return store;
    }

    ResponseHeaders headers() {
        return headers;
    }

    String clusterToken() {
        return clusterToken;
    }
}
