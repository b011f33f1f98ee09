package dev.berth.store.client;

import static dev.berth.store.client.StoreClientContractTest.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.berth.store.StoreServer;
import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseKeepAliveRequest;
import dev.berth.store.etcd.pb.LeaseStatus;
import dev.berth.store.etcd.pb.LeaseTimeToLiveRequest;
import dev.berth.store.etcd.pb.LeaseTimeToLiveResponse;
import dev.berth.store.etcd.pb.PutRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease calls sent only to a follower of three members: keep-alives and TimeToLive go to the leader's lessor, which
 * alone knows when a lease expires (as etcd forwards them); Leases lists the replicated table on the follower.
 */
class FollowerLeaseTest {
    private static final long TTL_SECONDS = 60;

    @TempDir
    Path dir;

    private List<StoreServer> servers = List.of();

    @AfterEach
    void stop() {
        servers.forEach(StoreServer::close);
    }

    @Test
    void aLeaseKeptAliveThroughAFollowerOutlivesItsTtl() throws Exception {
        StoreServer leader = startThree();
        StoreServer follower = aFollower(leader);
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

    @Test
    void aFollowerAnswersTimeToLiveFromTheLeaderAndListsLeases() throws Exception {
        StoreServer follower = aFollower(startThree());
        await().atMost(TestMembers.LEADER_WAIT)
                .until(() -> follower.node().members().stream().allMatch(m -> m.getClientUrlsCount() > 0));
        try (StoreClient remote = RemoteStoreClient.connect(List.of(TestMembers.endpoint(follower)), ClientOptions.defaults());
             StoreClient inProcess = InProcessStoreClient.of(follower)) {
            long lease = join(remote.leaseGrant(LeaseGrantRequest.newBuilder().setTTL(TTL_SECONDS).build())).getID();
            join(remote.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("leased")).setLease(lease).build()));

            for (StoreClient client : List.of(remote, inProcess)) {
                LeaseTimeToLiveResponse left = join(client.leaseTimeToLive(
                        LeaseTimeToLiveRequest.newBuilder().setID(lease).setKeys(true).build()));
                assertThat(left.getID()).isEqualTo(lease);
                assertThat(left.getGrantedTTL()).isEqualTo(TTL_SECONDS);
                assertThat(left.getTTL()).isBetween(1L, TTL_SECONDS);
                assertThat(left.getKeysList()).containsExactly(ByteString.copyFromUtf8("leased"));
                assertThat(join(client.leaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setID(lease + 1).build()))
                        .getTTL()).as("a lease never granted").isEqualTo(-1);
            }
            assertThat(join(follower.memberApi().leases().leases()).getLeasesList())
                    .extracting(LeaseStatus::getID).containsExactly(lease);
        }
    }

    /** Starts three members and returns the leader, once there is one. */
    private StoreServer startThree() throws Exception {
        servers = TestMembers.start(dir, List.of("m1", "m2", "m3"));
        return TestMembers.awaitLeader(servers);
    }

    private StoreServer aFollower(StoreServer leader) {
        return servers.stream().filter(s -> s != leader).findFirst().orElseThrow();
    }
}
