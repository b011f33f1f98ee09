package dev.berth.store.mvcc;

import dev.berth.store.etcd.pb.CompactionRequest;
import dev.berth.store.etcd.pb.CompactionResponse;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.DeleteRangeResponse;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.PutResponse;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.etcd.pb.TxnResponse;
import dev.berth.store.mvcc.pb.InternalRequest;
import java.io.IOException;
import java.nio.file.Path;

/** An {@link MvccStore} fed through {@link MvccStore#apply} with consecutive Raft indexes, as a member feeds it. */
final class TestStore implements AutoCloseable {

    /** Small enough that a test's backend file stays small, large enough for every test's history. */
    static final MvccOptions OPTIONS = new MvccOptions(4_096, 64, 32 << 10);

    final Path dir;
    final MvccStore store;
    long index;

    private TestStore(Path dir, MvccStore store) {
        this.dir = dir;
        this.store = store;
        this.index = store.recoveredIndex();
    }

    static TestStore open(Path dir) throws IOException {
        return new TestStore(dir, MvccStore.open(dir, OPTIONS));
    }

    TestStore reopen() throws IOException {
        store.close();
        return open(dir);
    }

    Object apply(InternalRequest request) {
        return store.apply(++index, request.toByteString());
    }

    PutResponse put(PutRequest request) {
        return (PutResponse) apply(InternalRequest.newBuilder().setPut(request).build());
    }

    PutResponse put(String key, String value) {
        return put(Requests.put(key, value));
    }

    DeleteRangeResponse delete(DeleteRangeRequest request) {
        return (DeleteRangeResponse) apply(InternalRequest.newBuilder().setDeleteRange(request).build());
    }

    TxnResponse txn(TxnRequest request) {
        return (TxnResponse) apply(InternalRequest.newBuilder().setTxn(request).build());
    }

    CompactionResponse compact(long revision) {
        return (CompactionResponse) apply(InternalRequest.newBuilder()
                .setCompaction(CompactionRequest.newBuilder().setRevision(revision)).build());
    }

    RangeResponse range(RangeRequest request) {
        return store.range(request);
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
