package dev.berth.store.etcd;

import dev.berth.store.lease.LeaseIds;
import dev.berth.store.lease.Lessor;
import dev.berth.store.mvcc.MvccStore;
import dev.berth.store.server.StoreNode;
import io.vertx.grpc.server.Service;
import java.util.List;
import java.util.function.LongSupplier;

/** The etcd v3 services of one store member, ready for {@link EtcdApiServer}. */
public final class EtcdApi {
    private EtcdApi() {}

    /**
     * KV, Cluster, Maintenance and Lease over {@code node}, {@code store} and the member's {@code lessor}; response
     * headers carry {@code clusterId}; {@code dbSize} is what Status reports as the backend's size in bytes. Writes
     * larger than {@code maxRequestBytes} are refused and watch responses split at that size, as etcd's
     * {@code --max-request-bytes} does.
     */
    public static List<Service> services(StoreNode node, MvccStore store, Lessor lessor, long clusterId, String clusterToken,
            LongSupplier dbSize, int maxRequestBytes) {
        ResponseHeaders headers = new ResponseHeaders(clusterId, node, store::currentRevision);
        store.useHeaderFactory(headers::at);
        return List.of(
                new EtcdKvService(node, store, maxRequestBytes),
                new EtcdClusterService(node, headers, clusterToken),
                new EtcdMaintenanceService(node, store, headers, dbSize),
                new EtcdWatchService(store, headers::at, maxRequestBytes),
                new EtcdLeaseService(node, store, lessor, new LeaseIds(node.id(), System.currentTimeMillis()), headers));
    }
}
