package dev.berth.shim.storage;

import com.google.protobuf.ByteString;
import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import dev.berth.store.client.StoreClient;
import dev.berth.store.client.StoreClientException;
import dev.berth.store.client.WatchHandle;
import dev.berth.store.client.WatchListener;
import dev.berth.store.etcd.mvccpb.KeyValue;
import dev.berth.store.etcd.pb.Compare;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.RequestOp;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.etcd.pb.TxnResponse;
import dev.berth.store.etcd.pb.WatchCreateRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes objects in the etcd v3 store, the way kube-apiserver's etcd3 storage keeps them: JSON values,
 * {@code resourceVersion} = the key's mod revision (never stored in the value), creates and updates as
 * transactions on create/mod revision. Calls block their (worker) thread until the store answers; store failures
 * become the Status kube-apiserver answers with (503 nothing written, 504 outcome unknown).
 */
public final class ObjectStore {
    private final StoreClient client;
    private final Duration timeout;

    public ObjectStore(StoreClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    public Optional<StoredObject> get(String key) {
        return first(await(client.range(RangeRequest.newBuilder().setKey(bytes(key)).build())));
    }

    /**
     * The object at {@code key} as the store member has it applied, without the Raft round a linearizable read waits
     * for (etcd's serializable read): possibly older than the latest write, so only for a first guess that a write's
     * compare or a linearizable read confirms.
     */
    public Optional<StoredObject> getLocal(String key) {
        return first(await(client.range(RangeRequest.newBuilder().setKey(bytes(key)).setSerializable(true).build())));
    }

    /** Every object under {@code prefix} as the member has them applied: see {@link #getLocal}. */
    public List<StoredObject> listLocal(String prefix) {
        RangeRequest request = RangeRequest.newBuilder().setKey(bytes(prefix)).setRangeEnd(bytes(prefixEnd(prefix)))
                .setSerializable(true).build();
        return await(client.range(request)).getKvsList().stream().map(ObjectStore::decode).toList();
    }

    private static Optional<StoredObject> first(RangeResponse response) {
        return response.getKvsList().stream().findFirst().map(ObjectStore::decode);
    }

    /**
     * Up to {@code limit} objects (0: all) with keys in {@code [from, end)}, read at {@code revision} (0: the
     * latest, linearizably). A compacted revision fails with 410 Expired and {@code expiredMessage}.
     */
    public RangePage range(String from, String end, long revision, int limit, String expiredMessage) {
        RangeRequest request = RangeRequest.newBuilder().setKey(bytes(from)).setRangeEnd(bytes(end))
                .setRevision(revision).setLimit(limit).build();
        RangeResponse response;
        try {
            response = await(client.range(request));
        } catch (StoreClientException.Refused refused) {
            throw refused.compacted() ? ApiException.expired(expiredMessage) : ApiException.internal(refused.etcdMessage());
        }
        List<StoredObject> items = new ArrayList<>();
        response.getKvsList().forEach(kv -> items.add(decode(kv)));
        long readAt = revision == 0 ? response.getHeader().getRevision() : revision;
        return new RangePage(items, readAt, response.getMore());
    }

    /** The store's current revision. */
    public long revision() {
        RangeRequest request = RangeRequest.newBuilder().setKey(bytes("/registry/")).setCountOnly(true).build();
        return await(client.range(request)).getHeader().getRevision();
    }

    /** Writes {@code object} at {@code key} if no object is there; empty when one is. */
    public Optional<StoredObject> create(String key, ObjectNode object) {
        Compare absent = Compare.newBuilder().setKey(bytes(key)).setTarget(Compare.CompareTarget.CREATE)
                .setResult(Compare.CompareResult.EQUAL).setCreateRevision(0).build();
        TxnResponse response = await(client.txn(TxnRequest.newBuilder().addCompare(absent)
                .addSuccess(put(key, object)).build()));
        if (!response.getSucceeded()) {
            return Optional.empty();
        }
        return Optional.of(stored(key, object, response.getHeader().getRevision()));
    }

    /** Replaces the object at {@code key} if its mod revision is still {@code expected}. */
    public WriteOutcome update(String key, ObjectNode object, long expected) {
        TxnResponse response = await(client.txn(TxnRequest.newBuilder().addCompare(modRevision(key, expected))
                .addSuccess(put(key, object)).addFailure(read(key)).build()));
        if (response.getSucceeded()) {
            return new WriteOutcome.Done(stored(key, object, response.getHeader().getRevision()));
        }
        return notDone(response);
    }

    /** Deletes the object at {@code key} if its mod revision is still {@code expected}. */
    public WriteOutcome delete(String key, long expected) {
        RequestOp delete = RequestOp.newBuilder().setRequestDeleteRange(DeleteRangeRequest.newBuilder()
                .setKey(bytes(key)).setPrevKv(true)).build();
        TxnResponse response = await(client.txn(TxnRequest.newBuilder().addCompare(modRevision(key, expected))
                .addSuccess(delete).addFailure(read(key)).build()));
        if (response.getSucceeded()) {
            List<KeyValue> previous = response.getResponses(0).getResponseDeleteRange().getPrevKvsList();
            return previous.isEmpty() ? new WriteOutcome.Missing() : new WriteOutcome.Done(decode(previous.get(0)));
        }
        return notDone(response);
    }

    /** Watches keys in {@code [from, end)} from {@code startRevision}, with previous values and progress notices. */
    public WatchHandle watch(String from, String end, long startRevision, WatchListener listener) {
        WatchCreateRequest request = WatchCreateRequest.newBuilder().setKey(bytes(from)).setRangeEnd(bytes(end))
                .setStartRevision(startRevision).setPrevKv(true).setProgressNotify(true).build();
        return client.watch(request, listener);
    }

    /** The first key after every key that starts with {@code prefix} (etcd's prefix range end). */
    public static String prefixEnd(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    /** The object in a key-value, with its resourceVersion. */
    public static StoredObject decode(KeyValue kv) {
        ObjectNode object = Json.parseObject(kv.getValue().toByteArray());
        Json.metadata(object).put("resourceVersion", Long.toString(kv.getModRevision()));
        return new StoredObject(kv.getKey().toStringUtf8(), object, kv.getModRevision());
    }

    private static WriteOutcome notDone(TxnResponse response) {
        List<KeyValue> current = response.getResponses(0).getResponseRange().getKvsList();
        return current.isEmpty() ? new WriteOutcome.Missing() : new WriteOutcome.Stale(decode(current.get(0)));
    }

    private static StoredObject stored(String key, ObjectNode object, long revision) {
        ObjectNode copy = object.deepCopy();
        Json.metadata(copy).put("resourceVersion", Long.toString(revision));
        return new StoredObject(key, copy, revision);
    }

    /** The value stored: the object without its resourceVersion, which the key's mod revision carries instead. */
    private static RequestOp put(String key, ObjectNode object) {
        ObjectNode value = object.deepCopy();
        Json.metadata(value).remove("resourceVersion");
        return RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(bytes(key))
                .setValue(ByteString.copyFrom(Json.bytes(value)))).build();
    }

    private static RequestOp read(String key) {
        return RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(bytes(key))).build();
    }

    private static Compare modRevision(String key, long expected) {
        return Compare.newBuilder().setKey(bytes(key)).setTarget(Compare.CompareTarget.MOD)
                .setResult(Compare.CompareResult.EQUAL).setModRevision(expected).build();
    }

    private static ByteString bytes(String key) {
        return ByteString.copyFrom(key, StandardCharsets.UTF_8);
    }

    private <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.timeout("the request was interrupted");
        } catch (TimeoutException e) {
            throw ApiException.timeout("the store did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    private static RuntimeException translate(Throwable failure) {
        if (failure instanceof StoreClientException.Refused refused) {
            return refused;
        }
        if (failure instanceof StoreClientException.Unavailable unavailable) {
            return ApiException.unavailable("the store is unavailable: " + unavailable.getMessage());
        }
        if (failure instanceof StoreClientException.OutcomeUnknown unknown) {
            return ApiException.timeout("the write may or may not have been applied: " + unknown.getMessage());
        }
        return ApiException.internal(String.valueOf(failure));
    }
}
