package dev.berth.store.client;

import static dev.berth.store.client.StoreClientContractTest.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.store.StoreServer;
import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseKeepAliveRequest;
import dev.berth.store.etcd.pb.LeaseTimeToLiveRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keep-alives sent only to a follower keep a lease alive: the follower forwards them to the leader's lessor. */
class FollowerKeepAliveTest {

    @TempDir
    Path dir;

    private List<StoreServer> servers = List.of();

    @AfterEach
    void stop() {
        servers.forEach(StoreServer::close);
    }

    @Test
    void aLeaseKeptAliveThroughAFollowerOutlivesItsTtl() throws Exception {
        servers = TestMembers.start(dir, List.of("m1", "m2", "m3"));
        StoreServer leader = TestMembers.awaitLeader(servers);
        StoreServer follower = servers.stream().filter(s -> s != leader).findFirst().orElseThrow();
        try (StoreClient viaFollower = RemoteStoreClient.connect(List.of(TestMembers.endpoint(follower)),
                ClientOptions.defaults());
             StoreClient atLeader = InProcessStoreClient.of(leader)) {
            long ttl = 2;
            long lease = join(viaFollower.leaseGrant(LeaseGrantRequest.newBuilder().setTTL(ttl).build())).getID();
            long end = System.nanoTime() + 3 * ttl * 1_000_000_000L;
            int keepAlives = 0;
            while (System.nanoTime() < end) {
                var answer = join(viaFollower.leaseKeepAliveOnce(LeaseKeepAliveRequest.newBuilder().setID(lease).build()));
                assertThat(answer.getTTL()).isEqualTo(ttl);
                keepAlives++;
                Thread.sleep(300);
            }
            var left = join(atLeader.leaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setID(lease).build()));
            assertThat(left.getTTL()).as("after %d keep-alives through the follower", keepAlives).isPositive();
        }
    }
}
