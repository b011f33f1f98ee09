package dev.berth.store.mvcc;

import static dev.berth.store.mvcc.Requests.op;
import static dev.berth.store.mvcc.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.store.etcd.mvccpb.KeyValue;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.TxnRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads from other threads see the store at one revision while the Raft thread applies and compacts. */
class MvccStoreConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void readersNeverSeeHalfATxnNorAGoneRevision() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try (TestStore s = TestStore.open(dir)) {
            s.txn(pair(0));
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<Integer>> reads = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                reads.add(readers.submit(() -> {
                    int checked = 0;
                    while (writing.get() || checked == 0) {
                        RangeResponse both = s.range(Requests.range("x", "z"));
                        List<KeyValue> kvs = both.getKvsList();
                        assertThat(kvs).hasSize(2);
                        assertThat(kvs.get(0).getValue()).isEqualTo(kvs.get(1).getValue());
                        assertThat(kvs.get(0).getModRevision()).isEqualTo(both.getHeader().getRevision());
                        assertThat(kvs.get(1).getModRevision()).isEqualTo(both.getHeader().getRevision());
                        checked++;
                    }
                    return checked;
                }));
            }
            for (int i = 1; i <= 1_500; i++) {
                s.txn(pair(i));
                if (i % 100 == 0) {
                    s.compact(s.store.currentRevision() - 1);
                }
            }
            writing.set(false);
            for (Future<Integer> read : reads) {
                assertThat(read.get(30, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            readers.shutdownNow();
        }
    }

    private static TxnRequest pair(int i) {
        return TxnRequest.newBuilder().addSuccess(op(put("x", "v" + i))).addSuccess(op(put("y", "v" + i))).build();
    }
}
