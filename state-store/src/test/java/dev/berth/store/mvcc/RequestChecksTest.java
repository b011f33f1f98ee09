package dev.berth.store.mvcc;

import static dev.berth.store.mvcc.Requests.ALL;
import static dev.berth.store.mvcc.Requests.bytes;
import static dev.berth.store.mvcc.Requests.delete;
import static dev.berth.store.mvcc.Requests.get;
import static dev.berth.store.mvcc.Requests.op;
import static dev.berth.store.mvcc.Requests.put;
import static dev.berth.store.mvcc.Requests.versionIs;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.RequestOp;
import dev.berth.store.etcd.pb.TxnRequest;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The checks etcd's gRPC layer makes on a txn, duplicate keys above all. */
class RequestChecksTest {

    private static TxnRequest success(RequestOp... ops) {
        return TxnRequest.newBuilder().addAllSuccess(List.of(ops)).build();
    }

    private static TxnRequest branches(List<RequestOp> then, List<RequestOp> otherwise) {
        return TxnRequest.newBuilder().addAllSuccess(then).addAllFailure(otherwise).build();
    }

    static Stream<Arguments> writes() {
        RequestOp putA = op(put("a", "1"));
        RequestOp putB = op(put("b", "1"));
        return Stream.of(
                Arguments.of("two keys", success(putA, putB), true),
                Arguments.of("one key twice", success(putA, op(put("a", "2"))), false),
                Arguments.of("put and delete of a key", success(op(delete("a")), putA), false),
                Arguments.of("a delete range covering a put", success(putB, op(delete("a", "c"))), false),
                Arguments.of("a delete range beside a put", success(putB, op(delete("c", "d"))), true),
                Arguments.of("an empty delete range", success(putB, op(delete("c", "a"))), true),
                Arguments.of("a delete of every key from a key on",
                        success(op(DeleteRangeRequest.newBuilder().setKey(bytes("a")).setRangeEnd(ALL).build()), putB),
                        false),
                Arguments.of("two deletes of a key", success(op(delete("a")), op(delete("a", "b"))), true),
                Arguments.of("reads do not count", success(op(get("a")), putA, op(get("a"))), true),
                Arguments.of("a key in both branches of a txn", success(op(branches(List.of(putA), List.of(putA)))),
                        true),
                Arguments.of("a key in a nested txn and outside it", success(op(success(putA)), putA), false),
                Arguments.of("a key put in an else branch and deleted outside",
                        success(op(branches(List.of(), List.of(putA))), op(delete("a"))), false),
                Arguments.of("a key deleted in a nested txn and put in a later one",
                        success(op(success(op(delete("a")))), op(success(putA))), false),
                Arguments.of("a key put in a nested txn and deleted in a later one (etcd lets it through)",
                        success(op(success(putA)), op(success(op(delete("a"))))), true),
                Arguments.of("a key in the two branches of the outer txn", branches(List.of(putA), List.of(putA)),
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aTxnMayNotWriteAKeyTwice(String name, TxnRequest txn, boolean allowed) {
        if (allowed) {
            assertThatCode(() -> RequestChecks.txn(txn, RequestChecks.DEFAULT_MAX_TXN_OPS)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> RequestChecks.txn(txn, RequestChecks.DEFAULT_MAX_TXN_OPS))
                    .isInstanceOf(MvccException.class)
                    .hasMessage("etcdserver: duplicate key given in txn request")
                    .extracting(e -> ((MvccException) e).error().grpcCode()).isEqualTo(3);
        }
    }

    @Test
    void aTxnMayHaveAsManyOpsAsTheServerAllows() {
        RequestOp read = op(get("a"));
        TxnRequest largest = TxnRequest.newBuilder().addAllSuccess(Collections.nCopies(128, read))
                .addAllFailure(Collections.nCopies(128, read)).addAllCompare(Collections.nCopies(128,
                        versionIs("a", 0))).build();
        assertThatCode(() -> RequestChecks.txn(largest, 128)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RequestChecks.txn(largest.toBuilder().addCompare(versionIs("a", 0)).build(), 128))
                .isInstanceOf(MvccException.class).hasMessage("etcdserver: too many operations in txn request");
        TxnRequest nested = TxnRequest.newBuilder().addAllSuccess(Collections.nCopies(100, read))
                .addSuccess(op(TxnRequest.newBuilder().addAllSuccess(Collections.nCopies(27, read)).build())).build();
        assertThatCode(() -> RequestChecks.txn(nested, 128)).doesNotThrowAnyException();
        TxnRequest tooDeep = TxnRequest.newBuilder().addAllSuccess(Collections.nCopies(100, read))
                .addSuccess(op(TxnRequest.newBuilder().addAllSuccess(Collections.nCopies(28, read)).build())).build();
        assertThatThrownBy(() -> RequestChecks.txn(tooDeep, 128))
                .isInstanceOf(MvccException.class).hasMessage("etcdserver: too many operations in txn request");
    }

    @Test
    void theFirstBadOpNamesTheError() {
        assertThatThrownBy(() -> RequestChecks.txn(success(op(put("a", "1")), op(put("", "1")), op(put("a", "2"))),
                RequestChecks.DEFAULT_MAX_TXN_OPS)).hasMessage("etcdserver: key is not provided");
        assertThatThrownBy(() -> RequestChecks.txn(success(RequestOp.getDefaultInstance()),
                RequestChecks.DEFAULT_MAX_TXN_OPS)).hasMessage("etcdserver: key not found");
        assertThatThrownBy(() -> RequestChecks.put(put("a", "v").toBuilder().setIgnoreValue(true).setLease(1)
                .setIgnoreLease(true).build())).hasMessage("etcdserver: value is provided");
        assertThatThrownBy(() -> RequestChecks.range(get(""))).hasMessage("etcdserver: key is not provided")
                .extracting(e -> ((MvccException) e).error()).isEqualTo(EtcdError.EMPTY_KEY);
    }
}
