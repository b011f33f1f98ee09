package dev.berth.store.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.berth.store.StoreServer;
import dev.berth.store.etcd.mvccpb.Event;
import dev.berth.store.etcd.mvccpb.KeyValue;
import dev.berth.store.etcd.pb.CompactionRequest;
import dev.berth.store.etcd.pb.Compare;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseRevokeRequest;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.RequestOp;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.etcd.pb.TxnResponse;
import dev.berth.store.etcd.pb.WatchCreateRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link StoreClient} must do, as the Kubernetes API shim uses it: objects under /registry/..., lists by
 * prefix with limit and continue at a revision, create-if-absent and update-if-unchanged through txn, deletes with
 * a precondition, compaction errors, watches from a past revision with prev_kv, leases. Run against a one-member
 * store by each implementation's subclass.
 */
abstract class StoreClientContractTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PODS = "/registry/pods/";

    @TempDir
    Path dir;

    private StoreServer server;
    private StoreClient client;

    /** The client under test, for {@code server}'s member. */
    abstract StoreClient connect(StoreServer server);

    @BeforeEach
    void start() throws IOException {
        server = TestMembers.start(dir, List.of("m1")).get(0);
        TestMembers.awaitLeader(List.of(server));
        client = connect(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void putsGetsAndListsAPrefixPageByPageAtOneRevision() throws Exception {
        long first = put(PODS + "default/a", "1").getHeader().getRevision();
        put(PODS + "default/b", "2");
        put(PODS + "default/c", "3");
        put("/registry/services/default/a", "other resource");

        RangeResponse one = join(client.range(RangeRequest.newBuilder().setKey(bytes(PODS + "default/a")).build()));
        assertThat(one.getKvsList()).extracting(kv -> kv.getValue().toStringUtf8()).containsExactly("1");

        RangeResponse page1 = join(client.range(prefix(PODS).setLimit(2).build()));
        assertThat(keys(page1.getKvsList())).containsExactly(PODS + "default/a", PODS + "default/b");
        assertThat(page1.getMore()).isTrue();
        assertThat(page1.getCount()).isEqualTo(3);
        long listRevision = page1.getHeader().getRevision();
        put(PODS + "default/b", "changed after the first page");

        ByteString next = page1.getKvs(1).getKey().concat(ByteString.copyFrom(new byte[] {0}));
        RangeResponse page2 = join(client.range(prefix(PODS).setKey(next).setLimit(2).setRevision(listRevision).build()));
        assertThat(keys(page2.getKvsList())).containsExactly(PODS + "default/c");
        assertThat(page2.getMore()).isFalse();

        RangeResponse atFirst = join(client.range(prefix(PODS).setRevision(first).build()));
        assertThat(keys(atFirst.getKvsList())).containsExactly(PODS + "default/a");
        RangeResponse atList = join(client.range(RangeRequest.newBuilder().setKey(bytes(PODS + "default/b"))
                .setRevision(listRevision).build()));
        assertThat(atList.getKvs(0).getValue().toStringUtf8()).isEqualTo("2");
    }

    @Test
    void txnCreatesIfAbsentAndUpdatesOnlyWhileTheModRevisionMatches() throws Exception {
        String key = PODS + "default/web";
        TxnResponse created = join(client.txn(createIfAbsent(key, "v1")));
        assertThat(created.getSucceeded()).isTrue();
        long created1 = created.getHeader().getRevision();

        TxnResponse again = join(client.txn(createIfAbsent(key, "v1 again")));
        assertThat(again.getSucceeded()).isFalse();
        assertThat(again.getResponses(0).getResponseRange().getKvs(0).getValue().toStringUtf8()).isEqualTo("v1");

        TxnResponse updated = join(client.txn(updateIf(key, created1, "v2")));
        assertThat(updated.getSucceeded()).isTrue();

        TxnResponse stale = join(client.txn(updateIf(key, created1, "lost update")));
        assertThat(stale.getSucceeded()).isFalse();
        KeyValue current = get(key);
        assertThat(current.getValue().toStringUtf8()).isEqualTo("v2");
        assertThat(current.getVersion()).isEqualTo(2);
    }

    @Test
    void deletesWithAPreconditionAndReturnsThePreviousValue() throws Exception {
        String key = PODS + "default/gone";
        long revision = put(key, "v1").getHeader().getRevision();

        TxnResponse refused = join(client.txn(deleteIf(key, revision - 1)));
        assertThat(refused.getSucceeded()).isFalse();
        assertThat(get(key)).isNotNull();

        TxnResponse deleted = join(client.txn(deleteIf(key, revision)));
        assertThat(deleted.getSucceeded()).isTrue();
        assertThat(deleted.getResponses(0).getResponseDeleteRange().getDeleted()).isEqualTo(1);
        assertThat(deleted.getResponses(0).getResponseDeleteRange().getPrevKvs(0).getValue().toStringUtf8()).isEqualTo("v1");
        assertThat(get(key)).isNull();

        put(key, "v2");
        var plain = join(client.deleteRange(DeleteRangeRequest.newBuilder().setKey(bytes(key)).setPrevKv(true).build()));
        assertThat(plain.getPrevKvs(0).getValue().toStringUtf8()).isEqualTo("v2");
    }

    @Test
    void readingBelowTheCompactedRevisionFailsAsCompacted() throws Exception {
        long old = put(PODS + "default/a", "1").getHeader().getRevision();
        long latest = put(PODS + "default/a", "2").getHeader().getRevision();
        join(client.compact(CompactionRequest.newBuilder().setRevision(latest).build()));

        assertThatThrownBy(() -> join(client.range(prefix(PODS).setRevision(old).build())))
                .isInstanceOfSatisfying(StoreClientException.Refused.class, refused -> {
                    assertThat(refused.compacted()).isTrue();
                    assertThat(refused.getMessage()).contains("range", "required revision has been compacted");
                });
        assertThat(join(client.range(prefix(PODS).setRevision(latest).build())).getCount()).isEqualTo(1);
    }

    @Test
    void watchesFromAPastRevisionWithPreviousValuesUntilCanceled() throws Exception {
        String key = PODS + "default/watched";
        long from = put(key, "one").getHeader().getRevision();
        put(key, "two");
        RecordingListener listener = new RecordingListener();
        WatchHandle watch = client.watch(WatchCreateRequest.newBuilder().setKey(bytes(PODS))
                .setRangeEnd(bytes("/registry/pods0")).setStartRevision(from).setPrevKv(true).build(), listener);

        await().atMost(WAIT).until(() -> listener.events.size() >= 2);
        put(key, "three");
        client.deleteRange(DeleteRangeRequest.newBuilder().setKey(bytes(key)).build());
        await().atMost(WAIT).until(() -> listener.events.size() >= 4);

        assertThat(listener.events).extracting(Event::getType).containsExactly(Event.EventType.PUT, Event.EventType.PUT,
                Event.EventType.PUT, Event.EventType.DELETE);
        assertThat(listener.events).extracting(e -> e.getKv().getModRevision())
                .containsExactly(from, from + 1, from + 2, from + 3);
        assertThat(listener.events.get(0).hasPrevKv()).isFalse();
        assertThat(listener.events.get(2).getPrevKv().getValue().toStringUtf8()).isEqualTo("two");
        assertThat(listener.events.get(3).getPrevKv().getValue().toStringUtf8()).isEqualTo("three");

        watch.cancel();
        assertThat(listener.end).isCompletedWithValueMatching(end -> end instanceof WatchEnd.Canceled);
        put(key, "after cancel");
        put(key, "and once more");
        assertThat(get(key).getValue().toStringUtf8()).isEqualTo("and once more");
        assertThat(listener.events).hasSize(4);
    }

    @Test
    void watchingFromACompactedRevisionEndsAsCompacted() throws Exception {
        long old = put(PODS + "default/a", "1").getHeader().getRevision();
        long latest = put(PODS + "default/a", "2").getHeader().getRevision();
        join(client.compact(CompactionRequest.newBuilder().setRevision(latest).build()));

        RecordingListener listener = new RecordingListener();
        client.watch(WatchCreateRequest.newBuilder().setKey(bytes(PODS)).setRangeEnd(bytes("/registry/pods0"))
                .setStartRevision(old).build(), listener);

        WatchEnd end = listener.end.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(end).isEqualTo(new WatchEnd.Compacted(latest));
        assertThat(listener.events).isEmpty();
    }

    @Test
    void revokingALeaseDeletesTheKeysAttachedToIt() throws Exception {
        long lease = join(client.leaseGrant(LeaseGrantRequest.newBuilder().setTTL(60).build())).getID();
        String event = "/registry/events/default/e1";
        join(client.put(PutRequest.newBuilder().setKey(bytes(event)).setValue(bytes("scheduled")).setLease(lease).build()));
        assertThat(get(event).getLease()).isEqualTo(lease);

        join(client.leaseRevoke(LeaseRevokeRequest.newBuilder().setID(lease).build()));

        assertThat(get(event)).isNull();
        assertThatThrownBy(() -> join(client.put(PutRequest.newBuilder().setKey(bytes(event)).setLease(lease).build())))
                .isInstanceOfSatisfying(StoreClientException.Refused.class,
                        refused -> assertThat(refused.etcdMessage()).isEqualTo("etcdserver: requested lease not found"));
    }

    @Test
    void describesTheMemberAndTheCluster() throws Exception {
        var members = join(client.memberList());
        assertThat(members.getMembersList()).extracting(m -> m.getName()).containsExactly("m1");
        var status = join(client.status());
        assertThat(status.getLeader()).isEqualTo(server.node().id());
        assertThat(status.getHeader().getMemberId()).isEqualTo(server.node().id());
    }

    private dev.berth.store.etcd.pb.PutResponse put(String key, String value) throws Exception {
        return join(client.put(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)).build()));
    }

    /** The key's current value, or null. */
    private KeyValue get(String key) throws Exception {
        RangeResponse response = join(client.range(RangeRequest.newBuilder().setKey(bytes(key)).build()));
        return response.getKvsCount() == 0 ? null : response.getKvs(0);
    }

    private static RangeRequest.Builder prefix(String prefix) {
        byte[] end = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        end[end.length - 1]++;
        return RangeRequest.newBuilder().setKey(bytes(prefix)).setRangeEnd(ByteString.copyFrom(end));
    }

    static TxnRequest createIfAbsent(String key, String value) {
        return TxnRequest.newBuilder()
                .addCompare(Compare.newBuilder().setKey(bytes(key)).setTarget(Compare.CompareTarget.CREATE)
                        .setResult(Compare.CompareResult.EQUAL).setCreateRevision(0))
                .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value))))
                .addFailure(RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(bytes(key))))
                .build();
    }

    private static TxnRequest updateIf(String key, long modRevision, String value) {
        return TxnRequest.newBuilder()
                .addCompare(modRevisionIs(key, modRevision))
                .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value))))
                .build();
    }

    private static TxnRequest deleteIf(String key, long modRevision) {
        return TxnRequest.newBuilder()
                .addCompare(modRevisionIs(key, modRevision))
                .addSuccess(RequestOp.newBuilder().setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(bytes(key))
                        .setPrevKv(true)))
                .build();
    }

    private static Compare modRevisionIs(String key, long modRevision) {
        return Compare.newBuilder().setKey(bytes(key)).setTarget(Compare.CompareTarget.MOD)
                .setResult(Compare.CompareResult.EQUAL).setModRevision(modRevision).build();
    }

    private static List<String> keys(List<KeyValue> kvs) {
        return kvs.stream().map(kv -> kv.getKey().toStringUtf8()).toList();
    }

    static ByteString bytes(String s) {
        return ByteString.copyFromUtf8(s);
    }

    /** The stage's value; its failure's cause (the client's exception) as thrown. */
    static <T> T join(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
