package dev.berth.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.berth.store.etcd.mvccpb.Event;
import dev.berth.store.etcd.pb.CompactionRequest;
import dev.berth.store.etcd.pb.Compare;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RequestOp;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.mvcc.pb.InternalRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * Random histories of puts, deletes, txns, compactions and reads, with restarts and snapshot restores in between:
 * the store answers every request exactly as the {@link ReferenceModel} does (key-values, counts, more, revisions,
 * versions, previous pairs, deleted counts, txn branches and errors).
 */
class MvccStorePropertyTest {

    private static final List<ByteString> KEYS = Stream.of("a", "a/1", "a/2", "b", "b/1", "c", "d", "\u00ff")
            .map(k -> k.equals("\u00ff") ? ByteString.copyFrom(new byte[] {(byte) 0xff}) : ByteString.copyFromUtf8(k))
            .toList();
    private static final List<ByteString> RANGE_ENDS = Stream.of("a0", "b", "b0", "c", "e")
            .map(ByteString::copyFromUtf8).toList();
    private static final ByteString ZERO = ByteString.copyFrom(new byte[] {0});

    /** One step of a history. */
    sealed interface Action {
    }

    record Put(PutRequest request) implements Action {
    }

    record Delete(DeleteRangeRequest request) implements Action {
    }

    record Txn(TxnRequest request) implements Action {
    }

    /** Compacts at the current revision minus {@code back}; -1 is a future revision. */
    record Compact(int back) implements Action {
    }

    /**
     * Reads at a revision chosen when the read runs: 0 for the current one, -1 for the next (future), -2 for a
     * negative one, else that many revisions back.
     */
    record Read(RangeRequest request, int back) implements Action {
    }

    record Reopen() implements Action {
    }

    record Restore() implements Action {
    }

    /** A response, or the error a request failed with. */
    record Outcome(Object response, EtcdError error) {

        static Outcome of(Supplier<Object> call) {
            try {
                return new Outcome(call.get(), null);
            } catch (MvccException e) {
                return new Outcome(null, e.error());
            }
        }
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void theStoreAnswersAsTheModel(@ForAll("histories") List<Action> history) throws IOException {
        Path root = Files.createTempDirectory("mvcc-property");
        ReferenceModel model = new ReferenceModel();
        TestStore store = open(root.resolve("0"));
        int stores = 1;
        net.jqwik.api.statistics.Statistics.label("length").collect(history.size() / 10 * 10);
        try {
            for (int step = 0; step < history.size(); step++) {
                Action action = history.get(step);
                String at = "step " + step + " of " + history;
                if (action instanceof Reopen) {
                    long index = store.index;
                    int hash = store.store.hash().getHash();
                    store.close();
                    store = open(store.dir);
                    assertThat(store.store.recoveredIndex()).as(at).isEqualTo(index);
                    assertThat(store.store.hash().getHash()).as(at).isEqualTo(hash);
                } else if (action instanceof Restore) {
                    TestStore restored = open(root.resolve(Integer.toString(stores++)));
                    restored.store.restore(store.index, store.store.snapshot());
                    restored.index = store.index;
                    assertThat(restored.store.hashKv(0)).as(at).isEqualTo(store.store.hashKv(0));
                    store.close();
                    store = restored;
                } else {
                    TestStore s = store;
                    long before = s.store.currentRevision();
                    written.clear();
                    Outcome expected = Outcome.of(() -> run(model, action));
                    assertThat(Outcome.of(() -> run(s, action, model.currentRevision()))).as(at).isEqualTo(expected);
                    assertThat(stored(store)).as(at).isEqualTo(model.stored());
                    assertThat(written).as("events handed to watchers at " + at)
                            .isEqualTo(s.store.currentRevision() == before ? List.of()
                                    : List.of(s.store.events(ZERO, ZERO, before + 1, s.store.currentRevision())));
                    net.jqwik.api.statistics.Statistics.label("outcome").collect(action.getClass().getSimpleName(),
                            expected.error() == null ? "ok" : expected.error().name());
                }
            }
        } finally {
            store.close();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The revisions the store holds, read back from its snapshot, in the model's terms. */
    private static List<ReferenceModel.Stored> stored(TestStore store) {
        return SnapshotCodec.decode(store.store.snapshot()).entries().stream()
                .map(e -> new ReferenceModel.Stored(e.revision().main(), e.key().key(), e.key().isTombstone()))
                .sorted(Comparator.comparingLong(ReferenceModel.Stored::revision)
                        .thenComparing(ReferenceModel.Stored::key, ByteString.unsignedLexicographicalComparator()))
                .toList();
    }

    /** What the open store's event listener received during the current step, one list per written revision. */
    private final List<List<Event>> written = new ArrayList<>();

    private TestStore open(Path dir) throws IOException {
        TestStore store = TestStore.open(dir);
        store.store.useLeaseChecker(lease -> lease != ReferenceModel.MISSING_LEASE);
        store.store.useEventListener((revision, events) -> written.add(events));
        return store;
    }

    private static Object run(TestStore store, Action action, long current) {
        if (action instanceof Put put) {
            return store.put(put.request());
        } else if (action instanceof Delete delete) {
            return store.delete(delete.request());
        } else if (action instanceof Txn txn) {
            return store.txn(txn.request());
        } else if (action instanceof Compact compact) {
            return store.apply(InternalRequest.newBuilder().setCompaction(CompactionRequest.newBuilder()
                    .setRevision(current - compact.back())).build());
        }
        return store.range(readAt((Read) action, current));
    }

    private static Object run(ReferenceModel model, Action action) {
        if (action instanceof Put put) {
            return model.put(put.request());
        } else if (action instanceof Delete delete) {
            return model.delete(delete.request());
        } else if (action instanceof Txn txn) {
            return model.txn(txn.request());
        } else if (action instanceof Compact compact) {
            return model.compact(CompactionRequest.newBuilder()
                    .setRevision(model.currentRevision() - compact.back()).build());
        }
        return model.range(readAt((Read) action, model.currentRevision()));
    }

    private static RangeRequest readAt(Read read, long current) {
        long revision = switch (read.back()) {
            case 0 -> 0;
            case -1 -> current + 1;
            case -2 -> -1;
            default -> Math.max(1, current - read.back());
        };
        return read.request().toBuilder().setRevision(revision).build();
    }

    @Provide
    Arbitrary<List<Action>> histories() {
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, puts().map(Put::new)),
                net.jqwik.api.Tuple.of(3, deletes().map(Delete::new)),
                net.jqwik.api.Tuple.of(4, txns(1).map(Txn::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(-1, 4).map(Compact::new)),
                net.jqwik.api.Tuple.of(6, Combinators.combine(ranges(), Arbitraries.integers().between(-2, 6))
                        .as(Read::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Reopen())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Restore())));
        return action.list().ofMinSize(1).ofMaxSize(50).withSizeDistribution(RandomDistribution.uniform());
    }

    private static Arbitrary<ByteString> keys() {
        return Arbitraries.of(KEYS);
    }

    private static Arbitrary<ByteString> rangeEnds() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(ByteString.EMPTY)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(ZERO)),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(RANGE_ENDS)));
    }

    private static Arbitrary<ByteString> values() {
        return Arbitraries.of("", "v1", "v2", "v3", "w").map(ByteString::copyFromUtf8);
    }

    private static Arbitrary<PutRequest> puts() {
        Arbitrary<Long> leases = Arbitraries.of(0L, 0L, 0L, 7L, ReferenceModel.MISSING_LEASE);
        Arbitrary<Integer> keep = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(6, 0), net.jqwik.api.Tuple.of(1, 1), net.jqwik.api.Tuple.of(1, 2));
        return Combinators.combine(keys(), values(), leases, Arbitraries.of(true, false), keep)
                .as((key, value, lease, prevKv, keeps) -> {
                    PutRequest.Builder put = PutRequest.newBuilder().setKey(key).setPrevKv(prevKv);
                    if (keeps == 1) {
                        put.setIgnoreValue(true).setLease(lease);
                    } else if (keeps == 2) {
                        put.setIgnoreLease(true).setValue(value);
                    } else {
                        put.setValue(value).setLease(lease);
                    }
                    return put.build();
                });
    }

    private static Arbitrary<DeleteRangeRequest> deletes() {
        return Combinators.combine(keys(), rangeEnds(), Arbitraries.of(true, false))
                .as((key, end, prevKv) -> DeleteRangeRequest.newBuilder().setKey(key).setRangeEnd(end)
                        .setPrevKv(prevKv).build());
    }

    private static Arbitrary<RangeRequest> ranges() {
        Arbitrary<RangeRequest.Builder> where = Combinators.combine(keys(), rangeEnds(),
                        Arbitraries.longs().between(0, 3), Arbitraries.of(RangeRequest.SortOrder.NONE,
                                RangeRequest.SortOrder.NONE, RangeRequest.SortOrder.ASCEND,
                                RangeRequest.SortOrder.DESCEND),
                        Arbitraries.of(RangeRequest.SortTarget.KEY, RangeRequest.SortTarget.KEY,
                                RangeRequest.SortTarget.VERSION, RangeRequest.SortTarget.CREATE,
                                RangeRequest.SortTarget.MOD, RangeRequest.SortTarget.VALUE))
                .as((key, end, limit, order, target) -> RangeRequest.newBuilder().setKey(key).setRangeEnd(end)
                        .setLimit(limit).setSortOrder(order).setSortTarget(target));
        Arbitrary<Long> filter = Arbitraries.frequency(net.jqwik.api.Tuple.of(6, 0L), net.jqwik.api.Tuple.of(1, 3L),
                net.jqwik.api.Tuple.of(1, 6L));
        return Combinators.combine(where, Arbitraries.of(false, false, true), Arbitraries.of(false, false, false,
                        true), filter, filter, filter, filter)
                .as((range, keysOnly, countOnly, minMod, maxMod, minCreate, maxCreate) -> range.setKeysOnly(keysOnly)
                        .setCountOnly(countOnly).setMinModRevision(minMod).setMaxModRevision(maxMod * 2)
                        .setMinCreateRevision(minCreate).setMaxCreateRevision(maxCreate * 2).build());
    }

    private static Arbitrary<Compare> compares() {
        return Combinators.combine(keys(), Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4,
                                Arbitraries.just(ByteString.EMPTY)), net.jqwik.api.Tuple.of(1, rangeEnds())),
                        Arbitraries.of(Compare.CompareTarget.VERSION, Compare.CompareTarget.CREATE,
                                Compare.CompareTarget.MOD, Compare.CompareTarget.VALUE, Compare.CompareTarget.LEASE),
                        Arbitraries.of(Compare.CompareResult.EQUAL, Compare.CompareResult.NOT_EQUAL,
                                Compare.CompareResult.GREATER, Compare.CompareResult.LESS),
                        Arbitraries.longs().between(0, 8), values())
                .as((key, end, target, result, number, value) -> {
                    Compare.Builder compare = Compare.newBuilder().setKey(key).setRangeEnd(end).setTarget(target)
                            .setResult(result);
                    return switch (target) {
                        case VERSION -> compare.setVersion(number % 4);
                        case CREATE -> compare.setCreateRevision(number);
                        case MOD -> compare.setModRevision(number);
                        case VALUE -> compare.setValue(value);
                        default -> compare.setLease(number < 4 ? 0 : 7);
                    };
                }).map(Compare.Builder::build);
    }

    private static Arbitrary<TxnRequest> txns(int depth) {
        Arbitrary<RequestOp> ops = depth == 0 ? leafOps() : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, leafOps()),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> txns(depth - 1))
                        .map(txn -> RequestOp.newBuilder().setRequestTxn(txn).build())));
        Arbitrary<TxnRequest> txn = Combinators.combine(compares().list().ofMaxSize(2), ops.list().ofMaxSize(3),
                        ops.list().ofMaxSize(3))
                .as((compares, success, failure) -> TxnRequest.newBuilder().addAllCompare(compares)
                        .addAllSuccess(success).addAllFailure(failure).build());
        return Combinators.combine(txn, Arbitraries.shuffle(KEYS))
                .as((request, order) -> distinctWrites(request, order.iterator()));
    }

    private static Arbitrary<RequestOp> leafOps() {
        Arbitrary<RequestOp> reads = Combinators.combine(ranges(), Arbitraries.of(0L, 0L, 0L, 1L, 3L, 5L, 100L, -1L))
                .as((range, revision) -> RequestOp.newBuilder().setRequestRange(range.toBuilder()
                        .setRevision(revision)).build());
        return Arbitraries.oneOf(reads,
                puts().map(put -> RequestOp.newBuilder().setRequestPut(put).build()),
                deletes().map(delete -> RequestOp.newBuilder().setRequestDeleteRange(delete).build()));
    }

    /**
     * Gives every put and delete of a txn (nested ones included) its own key, so that no txn writes a key twice
     * (RequestChecksTest covers those); writes beyond the keys there are become reads.
     */
    private static TxnRequest distinctWrites(TxnRequest txn, Iterator<ByteString> keys) {
        TxnRequest.Builder distinct = txn.toBuilder().clearSuccess().clearFailure();
        txn.getSuccessList().forEach(op -> distinct.addSuccess(distinctWrites(op, keys)));
        txn.getFailureList().forEach(op -> distinct.addFailure(distinctWrites(op, keys)));
        return distinct.build();
    }

    private static RequestOp distinctWrites(RequestOp op, Iterator<ByteString> keys) {
        if (op.hasRequestTxn()) {
            return RequestOp.newBuilder().setRequestTxn(distinctWrites(op.getRequestTxn(), keys)).build();
        }
        if (!op.hasRequestPut() && !op.hasRequestDeleteRange()) {
            return op;
        }
        if (!keys.hasNext()) {
            ByteString key = op.hasRequestPut() ? op.getRequestPut().getKey() : op.getRequestDeleteRange().getKey();
            return RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(key)).build();
        }
        ByteString key = keys.next();
        if (op.hasRequestPut()) {
            return RequestOp.newBuilder().setRequestPut(op.getRequestPut().toBuilder().setKey(key)).build();
        }
        return RequestOp.newBuilder().setRequestDeleteRange(op.getRequestDeleteRange().toBuilder().setKey(key)
                .clearRangeEnd()).build();
    }
}
