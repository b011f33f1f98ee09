package dev.berth.store.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RangeRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client contract over the etcd gRPC API of one member; and what the caller gets when no member answers. */
class RemoteStoreClientTest extends StoreClientContractTest {
    @Override
    StoreClient connect(StoreServer server) {
        return RemoteStoreClient.connect(List.of(TestMembers.endpoint(server)), ClientOptions.defaults());
    }

    @Test
    void withNoMemberListeningACallFailsNamingEveryEndpointTried() throws Exception {
        List<Endpoint> nobody = List.of(new Endpoint("127.0.0.1", LoopbackPorts.free()),
                new Endpoint("127.0.0.1", LoopbackPorts.free()));
        ClientOptions quick = new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(1), 4, Duration.ofMillis(20),
                Duration.ofMillis(50));
        try (RemoteStoreClient client = RemoteStoreClient.connect(nobody, quick)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> join(client.range(RangeRequest.newBuilder().setKey(bytes("a")).build())))
                    .isInstanceOf(StoreClientException.Unavailable.class)
                    .hasMessageContaining("range failed on every endpoint tried, 4 attempts")
                    .hasMessageContaining(nobody.get(0).toString())
                    .hasMessageContaining(nobody.get(1).toString());
            // Refused connections: nothing was sent, so even a put may go to the next endpoint, and fails the same way.
            assertThatThrownBy(() -> join(client.put(PutRequest.newBuilder().setKey(bytes("a")).build())))
                    .isInstanceOf(StoreClientException.Unavailable.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
