package dev.berth.app.bench.store;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.mvccpb.Event;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.WatchCreateRequest;
import dev.berth.store.etcd.pb.WatchGrpcClient;
import dev.berth.store.etcd.pb.WatchRequest;
import dev.berth.store.etcd.pb.WatchResponse;
import io.vertx.grpc.client.GrpcClientRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watch delivery: {@code clients} watchers on one prefix, each on a Watch stream of its own, spread over the
 * members; one writer puts keys under the prefix at {@code watchPutsPerSecond}, round-robin over the members, first
 * an unmeasured warm-up round, then {@code watchPuts} puts. Each event's latency runs from its put's send to its
 * arrival at one watcher; throughput counts events (puts times watchers) per second. A stream that breaks or ends
 * fails the row at once, naming the cause, instead of leaving its events to go missing until the timeout.
 */
final class WatchRow implements Row {
    private static final String PREFIX = "bench-watch/";
    private static final ByteString PREFIX_END = ByteString.copyFromUtf8("bench-watch0");

    @Override
    public String label() {
        return "watch delivery";
    }

    @Override
    public Measurement measure(Endpoints endpoints, Workload workload) throws Exception {
        List<Deliveries> rounds = List.of(new Deliveries(workload.watchWarmupPuts(), workload.clients()),
                new Deliveries(workload.watchPuts(), workload.clients()));
        List<GrpcClientRequest<WatchRequest, WatchResponse>> streams = new ArrayList<>();
        try {
            CountDownLatch created = new CountDownLatch(workload.clients());
            for (int w = 0; w < workload.clients(); w++) {
                open(endpoints, w, rounds, created, streams);
            }
            if (!created.await(workload.timeout().toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(created.getCount() + " of " + workload.clients() + " watches not created after --timeout "
                        + workload.timeout().toSeconds() + " s");
            }
            if (workload.warmsUp()) {
                deliver(endpoints, workload, 0, rounds.get(0));
            }
            return deliver(endpoints, workload, 1, rounds.get(1));
        } finally {
            synchronized (streams) {
                streams.forEach(GrpcClientRequest::cancel);
            }
        }
    }

    /** Opens watcher {@code watcher}'s stream; its events go to the round their key names. */
    private static void open(Endpoints endpoints, int watcher, List<Deliveries> rounds, CountDownLatch created,
            List<GrpcClientRequest<WatchRequest, WatchResponse>> streams) {
        endpoints.grpc().request(endpoints.address(watcher), WatchGrpcClient.Watch).onComplete(opened -> {
            if (opened.failed()) {
                rounds.forEach(r -> r.fail("watch stream " + watcher + " did not open: " + opened.cause()));
                return;
            }
            GrpcClientRequest<WatchRequest, WatchResponse> request = opened.result();
            synchronized (streams) {
                streams.add(request);
            }
            request.response().onFailure(failure -> rounds.forEach(r -> r.fail("watch stream " + watcher + " failed: " + failure)))
                    .onSuccess(response -> response.exceptionHandler(broken -> rounds.forEach(r -> r.fail("watch stream " + watcher
                            + " broke: " + broken))).endHandler(ended -> rounds.forEach(r -> r.fail("watch stream " + watcher
                            + " was ended by the server"))).handler(message -> {
                        long now = System.nanoTime();
                        if (message.getCreated()) {
                            created.countDown();
                        }
                        if (message.getCanceled()) {
                            rounds.forEach(r -> r.fail("watch " + watcher + " canceled: " + message.getCancelReason()));
                        }
                        for (Event event : message.getEventsList()) {
                            ByteString key = event.getKv().getKey();
                            rounds.get(roundOf(key)).arrived(putOf(key), watcher, now);
                        }
                    }));
            request.write(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
                    .setKey(ByteString.copyFromUtf8(PREFIX)).setRangeEnd(PREFIX_END)).build());
        });
    }

    /** Round {@code round}: its puts at the fixed rate, then the wait for every watcher's every event. */
    private static Measurement deliver(Endpoints endpoints, Workload workload, int round, Deliveries deliveries)
            throws InterruptedException {
        FixedRate rate = new FixedRate(System.nanoTime(), workload.watchPutsPerSecond());
        for (int i = 0; i < deliveries.puts(); i++) {
            rate.awaitDue(i);
            deliveries.sent(i, System.nanoTime());
            endpoints.put(i, PutRequest.newBuilder().setKey(key(round, i)).setValue(workload.value()).build())
                    .onFailure(failure -> deliveries.fail("a put failed: " + failure));
        }
        return deliveries.await(workload.timeout());
    }

    /** Round {@code round}'s key of put {@code i}: rounds never share a key, so each event names its round and put. */
    static ByteString key(int round, int i) {
        return ByteString.copyFromUtf8(String.format("%s%d/%010d", PREFIX, round, i));
    }

    static int roundOf(ByteString key) {
        String text = key.toString(StandardCharsets.UTF_8);
        return Integer.parseInt(text.substring(PREFIX.length(), text.lastIndexOf('/')));
    }

    static int putOf(ByteString key) {
        String text = key.toString(StandardCharsets.UTF_8);
        return Integer.parseInt(text.substring(text.lastIndexOf('/') + 1));
    }
}
