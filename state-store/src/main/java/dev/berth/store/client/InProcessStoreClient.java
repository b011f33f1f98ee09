package dev.berth.store.client;

import dev.berth.store.DaemonThreads;
import dev.berth.store.StoreServer;
import dev.berth.store.etcd.MemberApi;
import dev.berth.store.etcd.pb.CompactionRequest;
import dev.berth.store.etcd.pb.CompactionResponse;
import dev.berth.store.etcd.pb.DeleteRangeRequest;
import dev.berth.store.etcd.pb.DeleteRangeResponse;
import dev.berth.store.etcd.pb.LeaseGrantRequest;
import dev.berth.store.etcd.pb.LeaseGrantResponse;
import dev.berth.store.etcd.pb.LeaseKeepAliveRequest;
import dev.berth.store.etcd.pb.LeaseKeepAliveResponse;
import dev.berth.store.etcd.pb.LeaseRevokeRequest;
import dev.berth.store.etcd.pb.LeaseRevokeResponse;
import dev.berth.store.etcd.pb.LeaseTimeToLiveRequest;
import dev.berth.store.etcd.pb.LeaseTimeToLiveResponse;
import dev.berth.store.etcd.pb.MemberListResponse;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.PutResponse;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.RangeResponse;
import dev.berth.store.etcd.pb.StatusResponse;
import dev.berth.store.etcd.pb.TxnRequest;
import dev.berth.store.etcd.pb.TxnResponse;
import dev.berth.store.etcd.pb.WatchCreateRequest;
import io.vertx.grpc.server.StatusException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A {@link StoreClient} over a member in this JVM: the same calls the member's etcd services make
 * ({@link MemberApi}), without gRPC or serialization. There is one member, so nothing fails over: a call the member
 * refuses before applying ("no leader") fails as {@code Unavailable} for the caller to retry.
 *
 * <p>The member completes calls on its Raft or apply thread; this client completes them on its own threads instead, so
 * callers' continuations never hold up the member.
 */
public final class InProcessStoreClient implements StoreClient {
    private final MemberApi api;
    private final String endpoint;
    private final ExecutorService executor;
    private final Set<InProcessWatch> watches = ConcurrentHashMap.newKeySet();

    private InProcessStoreClient(MemberApi api, String endpoint) {
        this.api = api;
        this.endpoint = endpoint;
        this.executor = Executors.newCachedThreadPool(DaemonThreads.named("berth-store-client"));
    }

    /** A client of {@code server}'s member; closing the client leaves the member running. */
    public static InProcessStoreClient of(StoreServer server) {
        return new InProcessStoreClient(server.memberApi(), "in-process member " + server.node().name());
    }

    @Override
    public CompletionStage<RangeResponse> range(RangeRequest request) {
        return answer(Operation.RANGE, () -> api.kv().range(request));
    }

    @Override
    public CompletionStage<PutResponse> put(PutRequest request) {
        return answer(Operation.PUT, () -> api.kv().put(request));
    }

    @Override
    public CompletionStage<DeleteRangeResponse> deleteRange(DeleteRangeRequest request) {
        return answer(Operation.DELETE_RANGE, () -> api.kv().deleteRange(request));
    }

    @Override
    public CompletionStage<TxnResponse> txn(TxnRequest request) {
        return answer(Operation.TXN, () -> api.kv().txn(request));
    }

    @Override
    public CompletionStage<CompactionResponse> compact(CompactionRequest request) {
        return answer(Operation.COMPACT, () -> api.kv().compact(request));
    }

    @Override
    public WatchHandle watch(WatchCreateRequest request, WatchListener listener) {
        return InProcessWatch.open(api.watches(), request, listener, executor, watches);
    }

    @Override
    public CompletionStage<LeaseGrantResponse> leaseGrant(LeaseGrantRequest request) {
        return answer(Operation.LEASE_GRANT, () -> api.leases().grant(request));
    }

    @Override
    public CompletionStage<LeaseRevokeResponse> leaseRevoke(LeaseRevokeRequest request) {
        return answer(Operation.LEASE_REVOKE, () -> api.leases().revoke(request));
    }

    @Override
    public CompletionStage<LeaseKeepAliveResponse> leaseKeepAliveOnce(LeaseKeepAliveRequest request) {
        return answer(Operation.LEASE_KEEP_ALIVE, () -> api.leases().keepAlive(request.getID()));
    }

    @Override
    public CompletionStage<LeaseTimeToLiveResponse> leaseTimeToLive(LeaseTimeToLiveRequest request) {
        return answer(Operation.LEASE_TIME_TO_LIVE, () -> api.leases().timeToLive(request));
    }

    @Override
    public CompletionStage<MemberListResponse> memberList() {
        return answer(Operation.MEMBER_LIST, () -> CompletableFuture.completedFuture(api.members().memberList()));
    }

    @Override
    public CompletionStage<StatusResponse> status() {
        return answer(Operation.STATUS, () -> CompletableFuture.completedFuture(api.members().status()));
    }

    /** Ends open watches with {@link WatchEnd.Canceled} and stops the client's threads; the member keeps running. */
    @Override
    public void close() {
        for (InProcessWatch watch : List.copyOf(watches)) {
            watch.end(new WatchEnd.Canceled("the client was closed"));
        }
        executor.shutdown();
    }

    /**
     * Runs {@code call} (which may also throw the member's etcd error at once) and completes on the client's
     * threads, with the member's etcd errors turned into the client's exceptions.
     */
    private <T> CompletionStage<T> answer(Operation operation, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> started;
        try {
            started = call.get();
        } catch (StatusException refused) {
            started = CompletableFuture.failedFuture(refused);
        }
        return started.handleAsync((value, failure) -> {
            if (failure == null) {
                return value;
            }
            Attempts attempts = new Attempts(operation);
            attempts.failed(endpoint, toClient(operation, FailureKind.unwrap(failure)));
            throw attempts.mayRetry() ? attempts.exhausted("the only member") : attempts.giveUp();
        }, executor);
    }

    private Throwable toClient(Operation operation, Throwable failure) {
        if (failure instanceof StatusException status) {
            return new StoreClientException.Refused(operation.toString(), endpoint, status.status(), status.message());
        }
        return failure;
    }
}
