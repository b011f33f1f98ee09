package dev.berth.store.client;

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
import java.util.concurrent.CompletionStage;

/**
 * The store's etcd v3 API for Berth's own modules, over the etcd protobuf messages: {@link RemoteStoreClient}
 * talks gRPC to a list of members and fails over between them, {@link InProcessStoreClient} calls a member in the
 * same JVM directly. Both answer the same way, errors included.
 *
 * <p>Every call completes with the response, or fails with a {@link StoreClientException}: {@code Refused} (the
 * store answered with an etcd error, e.g. a compacted revision), {@code Unavailable} (nothing was applied, no
 * member could serve the call in time) or {@code OutcomeUnknown} (a write was sent and may or may not have been
 * applied). Stages may complete on a client thread (an event loop for the remote client): continue elsewhere before
 * blocking.
 */
public interface StoreClient extends AutoCloseable {

    CompletionStage<RangeResponse> range(RangeRequest request);

    CompletionStage<PutResponse> put(PutRequest request);

    CompletionStage<DeleteRangeResponse> deleteRange(DeleteRangeRequest request);

    /** Compare-and-swap and multi-key writes: the only way to write conditionally (create-if-absent, update-if). */
    CompletionStage<TxnResponse> txn(TxnRequest request);

    CompletionStage<CompactionResponse> compact(CompactionRequest request);

    /**
     * Watches the keys of {@code request} from its start revision (0: from the next write) and reports to
     * {@code listener} until the watch ends; the remote client resumes it on another member after a disconnect,
     * from the revision after the last one delivered.
     */
    WatchHandle watch(WatchCreateRequest request, WatchListener listener);

    CompletionStage<LeaseGrantResponse> leaseGrant(LeaseGrantRequest request);

    /** Revokes the lease and deletes every key attached to it, in one revision. */
    CompletionStage<LeaseRevokeResponse> leaseRevoke(LeaseRevokeRequest request);

    /** One keep-alive: the lease runs for its full TTL again (TTL 0 in the answer: the lease is gone). */
    CompletionStage<LeaseKeepAliveResponse> leaseKeepAliveOnce(LeaseKeepAliveRequest request);

    CompletionStage<LeaseTimeToLiveResponse> leaseTimeToLive(LeaseTimeToLiveRequest request);

    CompletionStage<MemberListResponse> memberList();

    /** The status of the member that answers (the remote client's current endpoint). */
    CompletionStage<StatusResponse> status();

    /** Ends open watches with {@link WatchEnd.Canceled} and releases the client's threads and connections. */
    @Override
    void close();
}
