package dev.berth.store.etcd;

import io.vertx.grpc.server.Service;
import java.util.List;

/** The etcd v3 services of one store member, ready for {@link EtcdApiServer}. */
public final class EtcdApi {
    private EtcdApi() {}

    /** KV, Cluster, Maintenance, Watch and Lease over the member's {@code api}. */
    public static List<Service> services(MemberApi api) {
        return List.of(
                new EtcdKvService(api.kv()),
                new EtcdClusterService(api.node(), api.headers(), api.clusterToken(), api.members()),
                new EtcdMaintenanceService(api.node(), api.store(), api.headers(), api.members()),
                new EtcdWatchService(api.watches()),
                new EtcdLeaseService(api.leases()));
    }
}
