package dev.berth.store.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.berth.store.StoreServer;
import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseStatus;
import dev.berth.store.etcd.pb.LeaseTimeToLiveRequest;
import dev.berth.store.etcd.pb.LeaseTimeToLiveResponse;
import dev.berth.store.etcd.pb.PutRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease queries sent only to a follower of three members: TimeToLive is forwarded to the leader, whose lessor alone
 * knows how long a lease has left (as etcd forwards it); Leases lists the replicated table on the follower.
 */
class FollowerLeaseQueriesTest {
    private static final long TTL_SECONDS = 60;

    @TempDir
    Path dir;

    private List<StoreServer> servers = List.of();

    @AfterEach
    void stop() {
        servers.forEach(StoreServer::close);
    }

    @Test
    void aFollowerAnswersTimeToLiveFromTheLeaderAndListsLeases() throws Exception {
        servers = TestMembers.start(dir, List.of("m1", "m2", "m3"));
        StoreServer leader = TestMembers.awaitLeader(servers);
        StoreServer follower = servers.stream().filter(s -> s != leader).findFirst().orElseThrow();
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

    private static <T> T join(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
