package dev.berth.store.client;

import static dev.berth.store.client.StoreClientContractTest.bytes;
import static dev.berth.store.client.StoreClientContractTest.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.store.StoreServer;
import dev.berth.store.etcd.mvccpb.Event;
import dev.berth.store.etcd.mvccpb.KeyValue;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.WatchCreateRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members; the client's first endpoint is the leader, which is closed mid-run: reads, writes and a watch
 * carry on through the other two within a bounded time, no write is applied twice, and the watch neither loses nor
 * repeats an event.
 */
class RemoteStoreClientFailoverTest {
    private static final String PODS = "/registry/pods/default/";
    private static final Duration AFTER_LOSS = Duration.ofSeconds(45);
    private static final int BEFORE = 10;
    private static final int AFTER = 20;

    @TempDir
    Path dir;

    private List<StoreServer> servers;
    private RemoteStoreClient client;

    @BeforeEach
    void start() throws IOException {
        servers = TestMembers.start(dir, List.of("m1", "m2", "m3"));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        servers.forEach(StoreServer::close);
    }

    @Test
    void readsWritesAndAWatchContinueOnTheOtherMembersWhenTheFirstEndpointsMemberIsClosed() throws Exception {
        StoreServer first = TestMembers.awaitLeader(servers);
        List<Endpoint> endpoints = new ArrayList<>(List.of(TestMembers.endpoint(first)));
        servers.stream().filter(s -> s != first).forEach(s -> endpoints.add(TestMembers.endpoint(s)));
        client = RemoteStoreClient.connect(endpoints, new ClientOptions(Duration.ofSeconds(20), Duration.ofSeconds(8), 12,
                Duration.ofMillis(100), Duration.ofSeconds(1)));

        long from = putConfirmed(PODS + 0, "v0");
        for (int i = 1; i < BEFORE; i++) {
            putConfirmed(PODS + i, "v" + i);
        }
        RecordingListener listener = new RecordingListener();
        client.watch(WatchCreateRequest.newBuilder().setKey(bytes(PODS)).setRangeEnd(bytes("/registry/pods/default0"))
                .setStartRevision(from).setPrevKv(true).build(), listener);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.events.size() == BEFORE);

        first.close();
        long lost = System.nanoTime();
        for (int i = BEFORE; i < BEFORE + AFTER; i++) {
            putConfirmed(PODS + i, "v" + i);
        }
        RangeResponse all = join(client.range(RangeRequest.newBuilder().setKey(bytes(PODS))
                .setRangeEnd(bytes("/registry/pods/default0")).build()));
        await().atMost(Duration.ofSeconds(20)).until(() -> listener.events.size() >= BEFORE + AFTER);
        assertThat(Duration.ofNanos(System.nanoTime() - lost)).isLessThan(AFTER_LOSS);

        assertThat(all.getCount()).isEqualTo(BEFORE + AFTER);
        assertThat(all.getKvsList()).extracting(KeyValue::getVersion).containsOnly(1L);
        List<Long> revisions = listener.events.stream().map(e -> e.getKv().getModRevision()).toList();
        assertThat(revisions).containsExactlyElementsOf(
                IntStream.range(0, BEFORE + AFTER).mapToObj(i -> from + i).map(Long::valueOf).toList());
        assertThat(listener.events).extracting(e -> e.getKv().getKey().toStringUtf8()).containsExactlyElementsOf(
                IntStream.range(0, BEFORE + AFTER).mapToObj(i -> PODS + i).toList());
        assertThat(listener.events).extracting(Event::getType).containsOnly(Event.EventType.PUT);
        assertThat(listener.end).isNotDone();
    }

    /**
     * Puts a new key as a careful caller does: after {@code OutcomeUnknown} it reads before trying again, so the key
     * is written once. Returns the revision of the write.
     */
    private long putConfirmed(String key, String value) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return join(client.put(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)).build()))
                        .getHeader().getRevision();
            } catch (StoreClientException.OutcomeUnknown unknown) {
                RangeResponse read = join(client.range(RangeRequest.newBuilder().setKey(bytes(key)).build()));
                if (read.getKvsCount() == 1) {
                    return read.getKvs(0).getModRevision();
                }
            }
        }
        throw new AssertionError("put " + key + " did not go through in 3 tries");
    }
}
