package dev.berth.store.mvcc;

import static dev.berth.store.mvcc.Requests.ALL;
import static dev.berth.store.mvcc.Requests.bytes;
import static dev.berth.store.mvcc.Requests.delete;
import static dev.berth.store.mvcc.Requests.get;
import static dev.berth.store.mvcc.Requests.op;
import static dev.berth.store.mvcc.Requests.put;
import static dev.berth.store.mvcc.Requests.range;
import static dev.berth.store.mvcc.Requests.valueIs;
import static dev.berth.store.mvcc.Requests.versionIs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.store.etcd.mvccpb.KeyValue;
import dev.berth.store.etcd.pb.Compare;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.DeleteRangeResponse;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.PutResponse;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.RequestOp;
import dev.berth.store.etcd.pb.ResponseHeader;
import dev.berth.store.etcd.pb.ResponseOp;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.etcd.pb.TxnResponse;
import dev.berth.store.mvcc.pb.InternalRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each KV operation answers as etcd 3.4 does: values, revisions, versions, flags and error messages. */
class MvccStoreKvTest {

    @TempDir
    Path dir;

    private TestStore s;

    @BeforeEach
    void open() throws IOException {
        s = TestStore.open(dir);
    }

    @AfterEach
    void close() throws IOException {
        s.close();
    }

    private static KeyValue kv(String key, String value, long create, long mod, long version) {
        return KeyValue.newBuilder().setKey(bytes(key)).setValue(bytes(value)).setCreateRevision(create)
                .setModRevision(mod).setVersion(version).build();
    }

    private List<KeyValue> kvs(RangeRequest request) {
        return s.range(request).getKvsList();
    }

    @Test
    void anEmptyStoreIsAtRevisionOne() {
        assertThat(s.store.currentRevision()).isEqualTo(1);
        assertThat(s.store.compactRevision()).isEqualTo(-1);
        RangeResponse response = s.range(get("a"));
        assertThat(response.getHeader().getRevision()).isEqualTo(1);
        assertThat(response.getKvsList()).isEmpty();
        assertThat(response.getCount()).isZero();
    }

    @Test
    void putCreatesThenUpdatesAKey() {
        assertThat(s.put("a", "1").getHeader().getRevision()).isEqualTo(2);
        assertThat(s.put("a", "2").getHeader().getRevision()).isEqualTo(3);
        assertThat(kvs(get("a"))).containsExactly(kv("a", "2", 2, 3, 2));
        assertThat(kvs(get("a").toBuilder().setRevision(2).build())).containsExactly(kv("a", "1", 2, 2, 1));
        assertThat(s.store.currentRevision()).isEqualTo(3);
    }

    @Test
    void putAnswersThePreviousPairWhenAsked() {
        PutResponse first = s.put(put("a", "1").toBuilder().setPrevKv(true).build());
        assertThat(first.hasPrevKv()).isFalse();
        PutResponse second = s.put(put("a", "2").toBuilder().setPrevKv(true).build());
        assertThat(second.getPrevKv()).isEqualTo(kv("a", "1", 2, 2, 1));
    }

    @Test
    void putRecordsTheLeaseAndCanKeepValueOrLease() {
        s.put(put("a", "1").toBuilder().setLease(7).build());
        assertThat(kvs(get("a")).get(0).getLease()).isEqualTo(7);

        s.put(PutRequest.newBuilder().setKey(bytes("a")).setIgnoreValue(true).setLease(9).build());
        assertThat(kvs(get("a"))).containsExactly(kv("a", "1", 2, 3, 2).toBuilder().setLease(9).build());

        s.put(PutRequest.newBuilder().setKey(bytes("a")).setValue(bytes("2")).setIgnoreLease(true).build());
        assertThat(kvs(get("a"))).containsExactly(kv("a", "2", 2, 4, 3).toBuilder().setLease(9).build());
    }

    @Test
    void theLeaseCheckerRejectsUnknownLeases() {
        s.store.useLeaseChecker(lease -> lease == 1);
        s.put(put("a", "1").toBuilder().setLease(1).build());
        assertError(() -> s.put(put("b", "1").toBuilder().setLease(2).build()),
                "etcdserver: requested lease not found");
        assertError(() -> s.txn(TxnRequest.newBuilder().addSuccess(op(put("b", "1").toBuilder().setLease(2).build()))
                .build()), "etcdserver: requested lease not found");
        assertThat(s.store.currentRevision()).isEqualTo(2);
    }

    @Test
    void theHeaderFactoryFillsTopLevelHeadersOnly() {
        s.store.useHeaderFactory(revision -> ResponseHeader.newBuilder().setClusterId(11).setMemberId(12)
                .setRaftTerm(13).setRevision(revision).build());
        ResponseHeader expected = ResponseHeader.newBuilder().setClusterId(11).setMemberId(12).setRaftTerm(13)
                .setRevision(2).build();
        assertThat(s.put("a", "1").getHeader()).isEqualTo(expected);
        assertThat(s.range(get("a")).getHeader()).isEqualTo(expected);
        TxnResponse txn = s.txn(TxnRequest.newBuilder().addSuccess(op(get("a"))).build());
        assertThat(txn.getHeader()).isEqualTo(expected);
        assertThat(txn.getResponses(0).getResponseRange().getHeader())
                .isEqualTo(ResponseHeader.newBuilder().setRevision(2).build());
        assertThat(s.store.hashKv(0).getHeader()).isEqualTo(expected);
    }

    static Stream<Arguments> rangesOverKeys() {
        return Stream.of(
                Arguments.of("one key", get("b"), List.of("b")),
                Arguments.of("missing key", get("bb"), List.of()),
                Arguments.of("interval", range("b", "c"), List.of("b", "b/1", "b/2")),
                Arguments.of("prefix", range("b/", "b0"), List.of("b/1", "b/2")),
                Arguments.of("from key on", RangeRequest.newBuilder().setKey(bytes("b/2")).setRangeEnd(ALL).build(),
                        List.of("b/2", "c", "\u00ff")),
                Arguments.of("all keys", Requests.all(), List.of("a", "b", "b/1", "b/2", "c", "\u00ff")),
                Arguments.of("end before key", range("c", "b"), List.of()),
                Arguments.of("end equal to key", range("b", "b"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rangesOverKeys")
    void rangeDecodesRangeEndAsEtcdDoes(String name, RangeRequest request, List<String> keys) {
        for (String key : List.of("c", "b/2", "a", "b", "b/1", "\u00ff")) {
            s.put(key, "v");
        }
        RangeResponse response = s.range(request);
        assertThat(response.getKvsList()).extracting(kv -> kv.getKey().toStringUtf8())
                .containsExactlyElementsOf(keys);
        assertThat(response.getCount()).isEqualTo(keys.size());
        assertThat(response.getMore()).isFalse();
    }

    @Test
    void keysCompareAsUnsignedBytes() {
        s.put(PutRequest.newBuilder().setKey(com.google.protobuf.ByteString.copyFrom(new byte[] {(byte) 0x80}))
                .build());
        s.put("\u007f", "v");
        assertThat(kvs(Requests.all())).extracting(kv -> kv.getKey().byteAt(0) & 0xff).containsExactly(0x7f, 0x80);
    }

    @Test
    void limitCountAndMore() {
        for (String key : List.of("a", "b", "c", "d")) {
            s.put(key, "v");
        }
        RangeResponse limited = s.range(Requests.all().toBuilder().setLimit(2).build());
        assertThat(limited.getKvsList()).extracting(kv -> kv.getKey().toStringUtf8()).containsExactly("a", "b");
        assertThat(limited.getCount()).isEqualTo(4);
        assertThat(limited.getMore()).isTrue();

        RangeResponse exact = s.range(Requests.all().toBuilder().setLimit(4).build());
        assertThat(exact.getKvsCount()).isEqualTo(4);
        assertThat(exact.getMore()).isFalse();

        RangeResponse counted = s.range(Requests.all().toBuilder().setCountOnly(true).setLimit(1).build());
        assertThat(counted.getKvsList()).isEmpty();
        assertThat(counted.getCount()).isEqualTo(4);
        assertThat(counted.getMore()).isFalse();

        RangeResponse keysOnly = s.range(get("a").toBuilder().setKeysOnly(true).build());
        assertThat(keysOnly.getKvsList()).containsExactly(kv("a", "", 2, 2, 1));
    }

    static Stream<Arguments> sorts() {
        RangeRequest all = Requests.all();
        return Stream.of(
                Arguments.of("key descending", all.toBuilder().setSortOrder(RangeRequest.SortOrder.DESCEND).build(),
                        List.of("d", "c", "b", "a"), false),
                Arguments.of("value ascending", all.toBuilder().setSortOrder(RangeRequest.SortOrder.ASCEND)
                        .setSortTarget(RangeRequest.SortTarget.VALUE).build(), List.of("c", "a", "d", "b"), false),
                Arguments.of("mod descending, limit 2", all.toBuilder().setSortOrder(RangeRequest.SortOrder.DESCEND)
                        .setSortTarget(RangeRequest.SortTarget.MOD).setLimit(2).build(), List.of("a", "b"), true),
                Arguments.of("create ascending", all.toBuilder().setSortOrder(RangeRequest.SortOrder.ASCEND)
                        .setSortTarget(RangeRequest.SortTarget.CREATE).build(), List.of("d", "c", "b", "a"), false),
                Arguments.of("version descending: ties keep key order", all.toBuilder()
                        .setSortOrder(RangeRequest.SortOrder.DESCEND).setSortTarget(RangeRequest.SortTarget.VERSION)
                        .build(), List.of("a", "b", "c", "d"), false),
                // etcd sorts ascending when the target is not the key and the order is NONE, but reads only
                // limit + 1 keys (in key order) before sorting, since the order was NONE.
                Arguments.of("mod without order: ascending over the first limit + 1 keys", all.toBuilder()
                        .setSortTarget(RangeRequest.SortTarget.MOD).setLimit(2).build(), List.of("c", "b"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sorts")
    void rangeSortsAsEtcdDoes(String name, RangeRequest request, List<String> keys, boolean more) {
        s.put("d", "3");
        s.put("c", "1");
        s.put("b", "4");
        s.put("a", "0");
        s.put("a", "2");
        RangeResponse response = s.range(request);
        assertThat(response.getKvsList()).extracting(kv -> kv.getKey().toStringUtf8()).containsExactlyElementsOf(keys);
        assertThat(response.getMore()).isEqualTo(more);
        assertThat(response.getCount()).isEqualTo(4);
    }

    @Test
    void revisionFiltersApplyAfterCountingAndBeforeTheLimit() {
        s.put("a", "v");
        s.put("b", "v");
        s.put("c", "v");
        s.put("a", "w");
        RangeResponse response = s.range(Requests.all().toBuilder().setMinModRevision(3).setMaxCreateRevision(4)
                .setLimit(1).build());
        assertThat(response.getKvsList()).extracting(kv -> kv.getKey().toStringUtf8()).containsExactly("a");
        assertThat(response.getMore()).isTrue();
        assertThat(response.getCount()).isEqualTo(3);
        RangeResponse created = s.range(Requests.all().toBuilder().setMinCreateRevision(3).setMaxModRevision(4)
                .build());
        assertThat(created.getKvsList()).extracting(kv -> kv.getKey().toStringUtf8()).containsExactly("b", "c");
    }

    @Test
    void readsAtAnOldRevisionReportTheCurrentOne() {
        s.put("a", "1");
        s.put("a", "2");
        s.delete(delete("a"));
        RangeResponse past = s.range(get("a").toBuilder().setRevision(3).build());
        assertThat(past.getKvsList()).containsExactly(kv("a", "2", 2, 3, 2));
        assertThat(past.getHeader().getRevision()).isEqualTo(4);
        assertThat(kvs(get("a").toBuilder().setRevision(4).build())).isEmpty();
        assertThat(kvs(get("a").toBuilder().setRevision(1).build())).isEmpty();
        assertThat(kvs(get("a").toBuilder().setRevision(-3).build())).isEmpty();
    }

    @Test
    void deleteRangeDeletesAtOneRevisionAndCanAnswerThePreviousPairs() {
        s.put("a", "1");
        s.put("b", "2");
        s.put("c", "3");
        DeleteRangeResponse deleted = s.delete(delete("a", "c").toBuilder().setPrevKv(true).build());
        assertThat(deleted.getDeleted()).isEqualTo(2);
        assertThat(deleted.getPrevKvsList()).containsExactly(kv("a", "1", 2, 2, 1), kv("b", "2", 3, 3, 1));
        assertThat(deleted.getHeader().getRevision()).isEqualTo(5);
        assertThat(kvs(Requests.all())).extracting(kv -> kv.getKey().toStringUtf8()).containsExactly("c");

        DeleteRangeResponse nothing = s.delete(delete("a"));
        assertThat(nothing.getDeleted()).isZero();
        assertThat(nothing.getHeader().getRevision()).isEqualTo(5);
        assertThat(s.store.currentRevision()).isEqualTo(5);

        s.put("a", "again");
        assertThat(kvs(get("a"))).containsExactly(kv("a", "again", 6, 6, 1));
    }

    @Test
    void deleteWithRangeEndZeroDeletesEveryKeyFromKeyOn() {
        for (String key : List.of("a", "b", "c")) {
            s.put(key, "v");
        }
        DeleteRangeResponse deleted = s.delete(DeleteRangeRequest.newBuilder().setKey(bytes("b")).setRangeEnd(ALL)
                .build());
        assertThat(deleted.getDeleted()).isEqualTo(2);
        assertThat(kvs(Requests.all())).extracting(kv -> kv.getKey().toStringUtf8()).containsExactly("a");
    }

    static Stream<Arguments> compares() {
        // a: value "5", create 2, mod 3, version 2, lease 4
        Compare.Builder a = Compare.newBuilder().setKey(bytes("a"));
        Compare.Builder missing = Compare.newBuilder().setKey(bytes("zz"));
        return Stream.of(
                Arguments.of(a.clone().setTarget(Compare.CompareTarget.VERSION).setVersion(2).build(), true),
                Arguments.of(a.clone().setTarget(Compare.CompareTarget.VERSION).setVersion(1)
                        .setResult(Compare.CompareResult.GREATER).build(), true),
                Arguments.of(a.clone().setTarget(Compare.CompareTarget.VERSION).setVersion(2)
                        .setResult(Compare.CompareResult.LESS).build(), false),
                Arguments.of(a.clone().setTarget(Compare.CompareTarget.CREATE).setCreateRevision(2).build(), true),
                Arguments.of(a.clone().setTarget(Compare.CompareTarget.MOD).setModRevision(3)
                        .setResult(Compare.CompareResult.NOT_EQUAL).build(), false),
                Arguments.of(a.clone().setTarget(Compare.CompareTarget.MOD).setModRevision(4)
                        .setResult(Compare.CompareResult.LESS).build(), true),
                Arguments.of(a.clone().setTarget(Compare.CompareTarget.VALUE).setValue(bytes("5")).build(), true),
                Arguments.of(a.clone().setTarget(Compare.CompareTarget.VALUE).setValue(bytes("40"))
                        .setResult(Compare.CompareResult.GREATER).build(), true),
                Arguments.of(a.clone().setTarget(Compare.CompareTarget.LEASE).setLease(4).build(), true),
                Arguments.of(a.clone().setTarget(Compare.CompareTarget.LEASE).setLease(0)
                        .setResult(Compare.CompareResult.GREATER).build(), true),
                // A target of the wrong kind compares as 0.
                Arguments.of(a.clone().setTarget(Compare.CompareTarget.VERSION).setModRevision(2)
                        .setResult(Compare.CompareResult.GREATER).build(), true),
                // A missing key has version, revisions and lease 0, and no value at all.
                Arguments.of(missing.clone().setTarget(Compare.CompareTarget.VERSION).setVersion(0).build(), true),
                Arguments.of(missing.clone().setTarget(Compare.CompareTarget.CREATE).setCreateRevision(0).build(),
                        true),
                Arguments.of(missing.clone().setTarget(Compare.CompareTarget.VALUE).setValue(bytes(""))
                        .build(), false),
                Arguments.of(missing.clone().setTarget(Compare.CompareTarget.VALUE).setValue(bytes(""))
                        .setResult(Compare.CompareResult.NOT_EQUAL).build(), false),
                // Over a range, every key must satisfy the compare.
                Arguments.of(Compare.newBuilder().setKey(bytes("a")).setRangeEnd(bytes("c"))
                        .setTarget(Compare.CompareTarget.CREATE).setCreateRevision(1)
                        .setResult(Compare.CompareResult.GREATER).build(), true),
                Arguments.of(Compare.newBuilder().setKey(bytes("a")).setRangeEnd(ALL)
                        .setTarget(Compare.CompareTarget.VERSION).setVersion(2).build(), false),
                Arguments.of(Compare.newBuilder().setKey(bytes("x")).setRangeEnd(bytes("y"))
                        .setTarget(Compare.CompareTarget.VALUE).setValue(bytes("")).build(), false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("compares")
    void txnComparesAsEtcdDoes(Compare compare, boolean holds) {
        s.put(put("a", "4").toBuilder().setLease(4).build());
        s.put(put("a", "5").toBuilder().setLease(4).build());
        s.put("b", "1");
        TxnResponse response = s.txn(TxnRequest.newBuilder().addCompare(compare)
                .addSuccess(op(get("a"))).build());
        assertThat(response.getSucceeded()).isEqualTo(holds);
        assertThat(response.getResponsesCount()).isEqualTo(holds ? 1 : 0);
    }

    @Test
    void aTxnWritesAtOneRevisionAndReadsItsOwnWrites() {
        s.put("a", "1");
        TxnResponse response = s.txn(TxnRequest.newBuilder()
                .addCompare(valueIs("a", "1"))
                .addSuccess(op(put("b", "2")))
                .addSuccess(op(get("b")))
                .addSuccess(op(delete("a").toBuilder().setPrevKv(true).build()))
                .addSuccess(op(put("c", "3").toBuilder().setPrevKv(true).build()))
                .addFailure(op(put("never", "x")))
                .build());
        assertThat(response.getSucceeded()).isTrue();
        assertThat(response.getHeader().getRevision()).isEqualTo(3);
        List<ResponseOp> ops = response.getResponsesList();
        assertThat(ops.get(0).getResponsePut().getHeader().getRevision()).isEqualTo(3);
        assertThat(ops.get(1).getResponseRange().getKvsList()).containsExactly(kv("b", "2", 3, 3, 1));
        assertThat(ops.get(1).getResponseRange().getHeader().getRevision()).isEqualTo(3);
        assertThat(ops.get(2).getResponseDeleteRange().getDeleted()).isEqualTo(1);
        assertThat(ops.get(2).getResponseDeleteRange().getPrevKvsList()).containsExactly(kv("a", "1", 2, 2, 1));
        assertThat(ops.get(3).getResponsePut().hasPrevKv()).isFalse();
        assertThat(kvs(Requests.all())).containsExactly(kv("b", "2", 3, 3, 1), kv("c", "3", 3, 3, 1));
        assertThat(s.store.currentRevision()).isEqualTo(3);
    }

    @Test
    void aTxnThatOnlyReadsKeepsTheRevision() {
        s.put("a", "1");
        TxnResponse response = s.txn(TxnRequest.newBuilder().addCompare(versionIs("a", 5))
                .addFailure(op(get("a"))).addSuccess(op(put("b", "1"))).build());
        assertThat(response.getSucceeded()).isFalse();
        assertThat(response.getHeader().getRevision()).isEqualTo(2);
        assertThat(response.getResponses(0).getResponseRange().getKvsCount()).isEqualTo(1);
        TxnResponse deletesNothing = s.txn(TxnRequest.newBuilder().addSuccess(op(delete("zz"))).build());
        assertThat(deletesNothing.getHeader().getRevision()).isEqualTo(2);
        assertThat(s.store.currentRevision()).isEqualTo(2);
    }

    @Test
    void nestedTxnsDecideTheirBranchOnTheStateBeforeTheOuterTxnRuns() {
        s.put("a", "1");
        TxnRequest nested = TxnRequest.newBuilder().addCompare(valueIs("a", "1"))
                .addSuccess(op(put("seen-before", "yes"))).addFailure(op(put("seen-after", "yes"))).build();
        TxnResponse response = s.txn(TxnRequest.newBuilder()
                .addSuccess(op(put("a", "2")))
                .addSuccess(op(nested))
                .build());
        TxnResponse inner = response.getResponses(1).getResponseTxn();
        assertThat(inner.getSucceeded()).isTrue();
        assertThat(inner.getHeader()).isEqualTo(ResponseHeader.getDefaultInstance());
        assertThat(inner.getResponses(0).getResponsePut().getHeader().getRevision()).isEqualTo(3);
        assertThat(kvs(Requests.all())).extracting(kv -> kv.getKey().toStringUtf8()).containsExactly("a",
                "seen-before");
    }

    @Test
    void compactionDropsHistoryBelowItsRevision() {
        s.put("a", "1");
        s.put("a", "2");
        s.put("b", "1");
        s.delete(delete("b"));
        assertThat(s.compact(4).getHeader().getRevision()).isEqualTo(5);
        assertThat(s.store.compactRevision()).isEqualTo(4);

        assertError(() -> s.range(get("a").toBuilder().setRevision(3).build()),
                "etcdserver: mvcc: required revision has been compacted");
        assertThat(kvs(get("a").toBuilder().setRevision(4).build())).containsExactly(kv("a", "2", 2, 3, 2));
        assertThat(kvs(get("b").toBuilder().setRevision(4).build())).containsExactly(kv("b", "1", 4, 4, 1));
        assertError(() -> s.compact(4), "etcdserver: mvcc: required revision has been compacted");
        assertError(() -> s.compact(6), "etcdserver: mvcc: required revision is a future revision");

        s.compact(5);
        assertThat(kvs(get("b").toBuilder().setRevision(5).build())).isEmpty();
        assertThat(storedRevisions()).containsExactly(new Revision(3, 0));
    }

    @Test
    void compactionKeepsEachKeysLatestRevisionAndVersions() {
        s.put("a", "1");
        s.put("a", "2");
        s.compact(3);
        s.put("a", "3");
        assertThat(kvs(get("a"))).containsExactly(kv("a", "3", 2, 4, 3));
    }

    @Test
    void hashKvIsEqualForEqualHistoriesAndStableAcrossLaterWrites(@TempDir Path other) throws IOException {
        Consumer<TestStore> history = t -> {
            t.put("a", "1");
            t.put("b", "2");
            t.delete(delete("a"));
            t.put("a", "3");
        };
        history.accept(s);
        try (TestStore twin = TestStore.open(other)) {
            history.accept(twin);
            assertThat(twin.store.hashKv(0).getHash()).isEqualTo(s.store.hashKv(0).getHash());
            assertThat(twin.store.hash().getHash()).isEqualTo(s.store.hash().getHash());
            twin.put("b", "changed");
            assertThat(twin.store.hashKv(0).getHash()).isNotEqualTo(s.store.hashKv(0).getHash());
            assertThat(twin.store.hashKv(5).getHash()).isEqualTo(s.store.hashKv(5).getHash());
        }
        assertThat(s.store.hashKv(0).getCompactRevision()).isEqualTo(-1);
        assertThat(s.store.hashKv(0).getHeader().getRevision()).isEqualTo(5);
        s.compact(3);
        assertError(() -> s.store.hashKv(3), "etcdserver: mvcc: required revision has been compacted");
        assertError(() -> s.store.hashKv(6), "etcdserver: mvcc: required revision is a future revision");
        assertThat(s.store.hashKv(4).getCompactRevision()).isEqualTo(3);
    }

    @Test
    void hashKvIsWhatEtcdComputesForTheSameHistory() {
        s.put("a", "1");
        s.put("b", "2");
        s.delete(delete("a"));
        s.put("a", "3");
        s.txn(TxnRequest.newBuilder().addCompare(valueIs("a", "3")).addSuccess(op(put("c", "4")))
                .addSuccess(op(delete("b"))).build());
        s.put("c", "5");
        // What etcd 3.4.23 answered to `etcdctl endpoint hashkv` after the same requests.
        assertThat(Integer.toUnsignedLong(s.store.hashKv(0).getHash())).isEqualTo(1134686402L);
        assertThat(Integer.toUnsignedLong(s.store.hashKv(4).getHash())).isEqualTo(1562576432L);
        s.compact(4);
        assertThat(Integer.toUnsignedLong(s.store.hashKv(0).getHash())).isEqualTo(788504502L);
        assertThat(Integer.toUnsignedLong(s.store.hashKv(5).getHash())).isEqualTo(1767588491L);
    }

    static Stream<Arguments> refusals() {
        PutRequest keepValue = PutRequest.newBuilder().setKey(bytes("missing")).setIgnoreValue(true).build();
        return Stream.of(
                Arguments.of("put without key", InternalRequest.newBuilder().setPut(put("", "v")).build(),
                        "etcdserver: key is not provided"),
                Arguments.of("delete without key", InternalRequest.newBuilder().setDeleteRange(delete("")).build(),
                        "etcdserver: key is not provided"),
                Arguments.of("ignore_value with a value", InternalRequest.newBuilder().setPut(put("a", "v")
                        .toBuilder().setIgnoreValue(true)).build(), "etcdserver: value is provided"),
                Arguments.of("ignore_lease with a lease", InternalRequest.newBuilder().setPut(put("a", "v")
                        .toBuilder().setIgnoreLease(true).setLease(3)).build(), "etcdserver: lease is provided"),
                Arguments.of("ignore_value on a missing key", InternalRequest.newBuilder().setPut(keepValue).build(),
                        "etcdserver: key not found"),
                Arguments.of("ignore_lease on a deleted key", InternalRequest.newBuilder().setPut(PutRequest
                        .newBuilder().setKey(bytes("gone")).setIgnoreLease(true)).build(),
                        "etcdserver: key not found"),
                Arguments.of("txn ignore_value on a missing key", txn(TxnRequest.newBuilder()
                        .addSuccess(op(put("a", "w"))).addSuccess(op(keepValue))), "etcdserver: key not found"),
                Arguments.of("txn compare without key", txn(TxnRequest.newBuilder().addCompare(versionIs("", 0))),
                        "etcdserver: key is not provided"),
                Arguments.of("txn range without key", txn(TxnRequest.newBuilder().addFailure(op(get("")))),
                        "etcdserver: key is not provided"),
                Arguments.of("txn empty op", txn(TxnRequest.newBuilder().addSuccess(RequestOp.getDefaultInstance())),
                        "etcdserver: key not found"),
                Arguments.of("txn put twice", txn(TxnRequest.newBuilder().addSuccess(op(put("a", "1")))
                        .addSuccess(op(put("a", "2")))), "etcdserver: duplicate key given in txn request"),
                Arguments.of("txn delete then put", txn(TxnRequest.newBuilder().addSuccess(op(delete("a", "c")))
                        .addSuccess(op(put("b", "2")))), "etcdserver: duplicate key given in txn request"),
                Arguments.of("txn range future", txn(TxnRequest.newBuilder()
                        .addSuccess(op(get("a").toBuilder().setRevision(9).build()))),
                        "etcdserver: mvcc: required revision is a future revision"),
                Arguments.of("txn range at a negative revision", txn(TxnRequest.newBuilder()
                        .addSuccess(op(get("a").toBuilder().setRevision(-2).build()))),
                        "etcdserver: mvcc: required revision has been compacted"),
                Arguments.of("compact future", InternalRequest.newBuilder().setCompaction(
                        dev.berth.store.etcd.pb.CompactionRequest.newBuilder().setRevision(5)).build(),
                        "etcdserver: mvcc: required revision is a future revision"),
                Arguments.of("compact negative", InternalRequest.newBuilder().setCompaction(
                        dev.berth.store.etcd.pb.CompactionRequest.newBuilder().setRevision(-1)).build(),
                        "etcdserver: mvcc: required revision has been compacted"));
    }

    private static InternalRequest txn(TxnRequest.Builder txn) {
        return InternalRequest.newBuilder().setTxn(txn).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void invalidRequestsFailWithEtcdsErrorAndChangeNothing(String name, InternalRequest request, String error) {
        s.put("a", "1");
        s.put("gone", "1");
        s.delete(delete("gone"));
        int hash = s.store.hash().getHash();
        long index = s.index;
        assertError(() -> s.apply(request), error);
        assertThat(s.store.currentRevision()).isEqualTo(4);
        assertThat(s.store.hash().getHash()).isEqualTo(hash);
        assertThat(s.store.consistentIndex()).isEqualTo(index + 1);
    }

    @Test
    void rangeRefusesAMissingKeyAndRevisionsOutsideTheHistory() {
        assertError(() -> s.range(get("")), "etcdserver: key is not provided");
        assertError(() -> s.range(get("a").toBuilder().setRevision(2).build()),
                "etcdserver: mvcc: required revision is a future revision");
    }

    @Test
    void applyRefusesIndexesItHasAppliedAndCommandsItCannotRead() {
        s.put("a", "1");
        assertThatThrownBy(() -> s.store.apply(s.index, InternalRequest.newBuilder().setPut(put("a", "2")).build()
                .toByteString())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apply of index 1 at or below the consistent index 1");
        assertThatThrownBy(() -> s.apply(InternalRequest.getDefaultInstance()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("command at index 2 is an InternalRequest without a request");
        assertThatThrownBy(() -> s.store.apply(3, com.google.protobuf.ByteString.copyFromUtf8("\u00ff\u00ff")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("command at index 3 is not an InternalRequest");
        assertThat(s.store.consistentIndex()).isEqualTo(3);
        assertThat(kvs(get("a"))).containsExactly(kv("a", "1", 2, 2, 1));
    }

    private List<Revision> storedRevisions() {
        return SnapshotCodec.decode(s.store.snapshot()).entries().stream().map(SnapshotCodec.Entry::revision)
                .toList();
    }

    static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(MvccException.class).hasMessage(message);
    }
}
