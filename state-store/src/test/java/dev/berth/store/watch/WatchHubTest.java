package dev.berth.store.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.mvccpb.Event;
import dev.berth.store.etcd.pb.CompactionRequest;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RequestOp;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.etcd.pb.WatchCancelRequest;
import dev.berth.store.etcd.pb.WatchCreateRequest;
import dev.berth.store.etcd.pb.WatchProgressRequest;
import dev.berth.store.etcd.pb.WatchRequest;
import dev.berth.store.etcd.pb.WatchResponse;
import dev.berth.store.mvcc.EtcdError;
import dev.berth.store.mvcc.HeaderFactory;
import dev.berth.store.mvcc.MvccOptions;
import dev.berth.store.mvcc.MvccException;
import dev.berth.store.mvcc.MvccStore;
import dev.berth.store.mvcc.pb.InternalRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WatchHubTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private MvccStore store;
    private WatchHub hub;
    private long index;

    private void start(int maxPending, Duration progressInterval, int maxResponseBytes) throws IOException {
        start(new WatchOptions(Duration.ofMillis(10), progressInterval, maxPending, 3, maxResponseBytes));
    }

    private void start(WatchOptions options) throws IOException {
        store = MvccStore.open(dir, new MvccOptions(4_096, 64, 32 << 10));
        hub = new WatchHub(store, HeaderFactory.REVISION_ONLY, options);
    }

    private void start() throws IOException {
        start(1024, Duration.ofMinutes(10), 1 << 20);
    }

    @AfterEach
    void close() throws IOException {
        hub.close();
        store.close();
    }

    @Test
    void syncedWatcherGetsEachWriteAsApplied() throws IOException {
        start();
        WatchStream stream = hub.openStream(() -> { });
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("foo"))));
        put("foo", "1");
        put("bar", "x");
        delete("foo");

        List<WatchResponse> responses = take(stream, 3);
        assertThat(responses.get(0).getCreated()).isTrue();
        assertThat(responses.get(0).getHeader().getRevision()).isEqualTo(1);
        assertThat(responses.get(1).getHeader().getRevision()).isEqualTo(2);
        assertThat(responses.get(1).getEvents(0).getKv().getValue().toStringUtf8()).isEqualTo("1");
        Event deleted = responses.get(2).getEvents(0);
        assertThat(deleted.getType()).isEqualTo(Event.EventType.DELETE);
        assertThat(deleted.getKv().getModRevision()).isEqualTo(4);
        assertThat(deleted.hasPrevKv()).isFalse();
        assertThat(hub.counts()).isEqualTo(new WatchHub.Counts(1, 0));
    }

    @Test
    void oldStartRevisionCatchesUpFromHistoryInBatchesThenFollowsWrites() throws IOException {
        start();
        for (int i = 0; i < 10; i++) {
            put("k" + i, "v" + i);
        }
        WatchStream stream = hub.openStream(() -> { });
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("k")).setRangeEnd(bytes("l"))
                .setStartRevision(3)));
        List<Event> events = events(stream, 9);
        await(() -> hub.counts().synced() == 1);
        put("k10", "v10");
        events.addAll(events(stream, 1));

        assertThat(events).extracting(e -> e.getKv().getModRevision())
                .containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    }

    /**
     * A slow watcher falls behind without holding up writes and catches up in order, batch after batch; it does so
     * as soon as its client has read half its backlog, not one batch per sync tick: with etcd's 100 ms tick and 1,000
     * revisions a batch, a watcher that fell behind in a burst of writes otherwise waited ticks for what was stored.
     */
    @ParameterizedTest(name = "sync tick {0}")
    @ValueSource(strings = {"PT0.01S", "PT1H"})
    void slowWatcherFallsBehindWithoutBlockingWritesAndCatchesUpInOrder(Duration syncTick) throws IOException {
        start(new WatchOptions(syncTick, Duration.ofMinutes(10), 2, 3, 1 << 20));
        WatchStream stream = hub.openStream(() -> { });
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("a")).setRangeEnd(bytes("\0"))));
        for (int i = 0; i < 20; i++) {
            put("a" + i, "v");
        }
        assertThat(hub.counts()).isEqualTo(new WatchHub.Counts(0, 1));

        List<Event> events = events(stream, 20);
        assertThat(events).extracting(e -> e.getKv().getModRevision())
                .isEqualTo(LongStream.rangeClosed(2, 21).boxed().toList());
        await(() -> hub.counts().synced() == 1);
    }

    @Test
    void filtersAndPrevKv() throws IOException {
        start();
        put("foo", "1");
        WatchStream stream = hub.openStream(() -> { });
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("foo")).setPrevKv(true)
                .addFilters(WatchCreateRequest.FilterType.NODELETE)));
        put("foo", "2");
        delete("foo");
        put("foo", "3");

        List<Event> events = events(stream, 2);
        assertThat(events).extracting(e -> e.getKv().getValue().toStringUtf8()).containsExactly("2", "3");
        assertThat(events.get(0).getPrevKv().getValue().toStringUtf8()).isEqualTo("1");
        assertThat(events.get(1).hasPrevKv()).isFalse();
    }

    @Test
    void compactedStartRevisionIsCanceledWithTheCompactRevision() throws IOException {
        start();
        put("foo", "1");
        put("foo", "2");
        put("foo", "3");
        apply(InternalRequest.newBuilder().setCompaction(CompactionRequest.newBuilder().setRevision(3)).build());
        WatchStream stream = hub.openStream(() -> { });
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("foo")).setStartRevision(2)));

        List<WatchResponse> responses = take(stream, 2);
        assertThat(responses.get(0).getCreated()).isTrue();
        assertThat(responses.get(1).getCanceled()).isTrue();
        assertThat(responses.get(1).getCompactRevision()).isEqualTo(3);
        assertThat(hub.counts()).isEqualTo(new WatchHub.Counts(0, 0));
    }

    @Test
    void progressNotificationsForIdleSyncedWatchersAndOnRequest() throws IOException {
        start(1024, Duration.ofMillis(20), 1 << 20);
        put("foo", "1");
        WatchStream stream = hub.openStream(() -> { });
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("foo")).setProgressNotify(true)));
        List<WatchResponse> responses = take(stream, 2);
        assertThat(responses.get(1).getWatchId()).isEqualTo(0);
        assertThat(responses.get(1).getEventsCount()).isZero();
        assertThat(responses.get(1).getHeader().getRevision()).isEqualTo(2);

        WatchStream other = hub.openStream(() -> { });
        other.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("bar"))));
        other.handle(WatchRequest.newBuilder().setProgressRequest(WatchProgressRequest.getDefaultInstance()).build());
        WatchResponse progress = take(other, 2).get(1);
        assertThat(progress.getWatchId()).isEqualTo(-1);
        assertThat(progress.getHeader().getRevision()).isEqualTo(2);
    }

    @Test
    void clientChosenIdsDuplicatesAndCancel() throws IOException {
        start();
        WatchStream stream = hub.openStream(() -> { });
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("foo")).setWatchId(7)));
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("bar")).setWatchId(7)));
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("b")).setRangeEnd(bytes("a"))));
        stream.handle(WatchRequest.newBuilder().setCancelRequest(WatchCancelRequest.newBuilder().setWatchId(7))
                .build());
        put("foo", "1");

        List<WatchResponse> responses = take(stream, 4);
        assertThat(responses.get(0).getWatchId()).isEqualTo(7);
        assertThat(responses.get(1).getCanceled()).isTrue();
        assertThat(responses.get(1).getCancelReason()).isEqualTo(WatchHub.DUPLICATE_ID);
        assertThat(responses.get(2).getCancelReason()).isEqualTo(WatchHub.EMPTY_RANGE);
        assertThat(responses.get(3).getCanceled()).isTrue();
        assertThat(responses.get(3).getWatchId()).isEqualTo(7);
        assertThat(stream.poll()).isNull();
        assertThat(hub.counts()).isEqualTo(new WatchHub.Counts(0, 0));
    }

    @Test
    void closingTheStreamRemovesItsWatchers() throws IOException {
        start();
        put("foo", "1");
        WatchStream stream = hub.openStream(() -> { });
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("foo"))));
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("foo")).setStartRevision(2)));
        stream.close();
        put("foo", "2");

        assertThat(hub.counts()).isEqualTo(new WatchHub.Counts(0, 0));
        assertThat(stream.poll()).isNull();
    }

    @Test
    void largeResponsesAreFragmentedWhenAllowed() throws IOException {
        start(1024, Duration.ofMinutes(10), 200);
        for (int i = 0; i < 6; i++) {
            put("k" + i, "x".repeat(60));
        }
        WatchStream stream = hub.openStream(() -> { });
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("k")).setRangeEnd(bytes("l"))
                .setStartRevision(2).setFragment(true)));
        List<WatchResponse> responses = new ArrayList<>();
        int events = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events < 6 && System.nanoTime() < deadline) {
            WatchResponse next = stream.poll();
            if (next != null && !next.getCreated()) {
                responses.add(next);
                events += next.getEventsCount();
            }
            Thread.onSpinWait();
        }
        assertThat(events).isEqualTo(6);
        assertThat(responses).allSatisfy(r -> assertThat(r.getSerializedSize()).isLessThanOrEqualTo(200));
        assertThat(responses).anySatisfy(r -> assertThat(r.getFragment()).isTrue());
    }

    @Test
    void storeHistoryHasEveryChangeOfATxnInOrderAndRefusesCompactedRevisions() throws IOException {
        start();
        put("a", "1");
        apply(InternalRequest.newBuilder().setTxn(TxnRequest.newBuilder()
                .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(bytes("b"))
                        .setValue(bytes("2"))))
                .addSuccess(RequestOp.newBuilder().setRequestDeleteRange(DeleteRangeRequest.newBuilder()
                        .setKey(bytes("a"))))).build());
        put("c", "3");

        List<Event> history = store.events(bytes("a"), bytes("c"), 2, 4);
        assertThat(history).extracting(e -> e.getType() + " " + e.getKv().getKey().toStringUtf8() + "@"
                + e.getKv().getModRevision()).containsExactly("PUT a@2", "PUT b@3", "DELETE a@3");
        assertThat(history.get(2).getPrevKv().getValue().toStringUtf8()).isEqualTo("1");

        apply(InternalRequest.newBuilder().setCompaction(CompactionRequest.newBuilder().setRevision(3)).build());
        assertThatThrownBy(() -> store.events(bytes("a"), bytes("\0"), 2, 4))
                .isInstanceOfSatisfying(MvccException.class, e -> assertThat(e.error()).isEqualTo(EtcdError.COMPACTED));
    }

    private List<Event> events(WatchStream stream, int count) {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.size() < count && System.nanoTime() < deadline) {
            WatchResponse next = stream.poll();
            if (next != null) {
                events.addAll(next.getEventsList());
            } else {
                pause();
            }
        }
        assertThat(events).hasSize(count);
        return events;
    }

    @Test
    void watchersCatchUpOnTheRevisionsASnapshotRestoreSkipped() throws IOException {
        start();
        WatchStream stream = hub.openStream(() -> { });
        stream.handle(create(WatchCreateRequest.newBuilder().setKey(bytes("foo")).setPrevKv(true)));
        assertThat(take(stream, 1).get(0).getCreated()).isTrue();
        try (MvccStore leader = MvccStore.open(dir.resolve("leader"), new MvccOptions(4_096, 64, 32 << 10))) {
            long leaderIndex = 0;
            for (String[] write : new String[][] {{"foo", "1"}, {"bar", "x"}, {"foo", "2"}}) {
                leader.apply(++leaderIndex, InternalRequest.newBuilder().setPut(PutRequest.newBuilder()
                        .setKey(bytes(write[0])).setValue(bytes(write[1]))).build().toByteString());
            }
            store.restore(leaderIndex, leader.snapshot());
            index = leaderIndex;
        }
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.size() < 2 && System.nanoTime() < deadline) {
            take(stream, 1).forEach(r -> events.addAll(r.getEventsList()));
        }
        assertThat(events).extracting(e -> e.getKv().getValue().toStringUtf8()).containsExactly("1", "2");
        assertThat(events.get(1).getPrevKv().getValue().toStringUtf8()).isEqualTo("1");
        put("foo", "3");
        assertThat(take(stream, 1).get(0).getEvents(0).getKv().getModRevision()).isEqualTo(5);
    }

    private List<WatchResponse> take(WatchStream stream, int count) {
        List<WatchResponse> responses = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (responses.size() < count && System.nanoTime() < deadline) {
            WatchResponse next = stream.poll();
            if (next != null) {
                responses.add(next);
            } else {
                pause();
            }
        }
        assertThat(responses).hasSize(count);
        return responses;
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void put(String key, String value) {
        apply(InternalRequest.newBuilder().setPut(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)))
                .build());
    }

    private void delete(String key) {
        apply(InternalRequest.newBuilder().setDeleteRange(DeleteRangeRequest.newBuilder().setKey(bytes(key)))
                .build());
    }

    private void apply(InternalRequest request) {
        store.apply(++index, request.toByteString());
    }

    private static WatchRequest create(WatchCreateRequest.Builder request) {
        return WatchRequest.newBuilder().setCreateRequest(request).build();
    }

    private static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }
}
