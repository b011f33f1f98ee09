package dev.berth.store.client;

import dev.berth.store.etcd.pb.WatchCreateRequest;
import dev.berth.store.etcd.pb.WatchGrpcClient;
import dev.berth.store.etcd.pb.WatchRequest;
import dev.berth.store.etcd.pb.WatchResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import java.util.Set;

/**
 * One watch over its own gRPC stream. When the stream is lost (the member stopped, the connection broke) the watch
 * is created again through {@link Failover}, on the next member, from the first revision not yet delivered.
 * Every callback and {@link #cancel()} take the watch's lock, so the listener sees one response at a time. A watch
 * "from now" (start revision 0) whose first stream is lost before the store answered starts from "now" again: no
 * revision had been promised yet.
 */
final class RemoteWatch implements WatchHandle {
    private final Failover failover;
    private final GrpcClient grpc;
    private final Context context;
    private final WatchDecoder decoder;
    private final Set<RemoteWatch> open;
    /** The stream whose responses count; a stream that is not this one any more is ignored. */
    private GrpcClientRequest<WatchRequest, WatchResponse> stream;

    private RemoteWatch(Failover failover, GrpcClient grpc, Context context, WatchDecoder decoder,
            Set<RemoteWatch> open) {
        this.failover = failover;
        this.grpc = grpc;
        this.context = context;
        this.decoder = decoder;
        this.open = open;
    }

    /** Opens the watch on {@code context} and keeps it in {@code open} until it ends. */
    static RemoteWatch open(Failover failover, GrpcClient grpc, Context context, WatchCreateRequest request,
            WatchListener listener, Set<RemoteWatch> open) {
        RemoteWatch watch = new RemoteWatch(failover, grpc, context, new WatchDecoder(request, listener), open);
        open.add(watch);
        context.runOnContext(ignored -> watch.establish());
        return watch;
    }

    @Override
    public void cancel() {
        end(new WatchEnd.Canceled("canceled by the client"));
    }

    /** Ends the watch with {@code end} (unless it has ended) and its stream. */
    synchronized void end(WatchEnd end) {
        decoder.end(end);
        open.remove(this);
        GrpcClientRequest<WatchRequest, WatchResponse> last = stream;
        stream = null;
        if (last != null) {
            context.runOnContext(ignored -> finish(last));
        }
    }

    /**
     * Ends a live stream the way etcd's clients do, by closing the request side: the member then removes the watch
     * and ends its side. A reset instead races the member's writer, which may still be writing to the stream.
     */
    private static void finish(GrpcClientRequest<WatchRequest, WatchResponse> request) {
        try {
            request.end();
        } catch (IllegalStateException alreadyFailed) {
            // The stream broke meanwhile: the member has dropped the watch already.
        }
    }

    private void establish() {
        failover.call(Operation.WATCH, this::connect).onFailure(failure -> end(new WatchEnd.Failed(
                (StoreClientException) failure)));
    }

    /**
     * Opens a stream to {@code endpoint} and creates the watch there; completes at the store's first answer. The
     * attempt's timeout is enforced by {@link Failover}; the stream itself carries no deadline, as it lives on.
     */
    private Future<Void> connect(Endpoint endpoint, long attemptTimeoutMillis) {
        Promise<Void> answered = Promise.promise();
        grpc.request(endpoint.address(), WatchGrpcClient.Watch).onComplete(opened -> {
            if (opened.failed()) {
                answered.tryFail(opened.cause());
                return;
            }
            GrpcClientRequest<WatchRequest, WatchResponse> request = opened.result();
            if (!start(request)) {
                request.cancel();
                answered.tryFail(new IllegalStateException("the watch ended while connecting"));
                return;
            }
            request.response().onComplete(responded -> {
                if (responded.failed()) {
                    lost(request, answered, responded.cause());
                    return;
                }
                GrpcClientResponse<WatchRequest, WatchResponse> response = responded.result();
                response.handler(next -> {
                    answered.tryComplete();
                    handle(request, next);
                });
                response.exceptionHandler(failure -> lost(request, answered, failure));
                response.endHandler(ended -> lost(request, answered, GrpcCalls.refusal(Operation.WATCH, endpoint,
                        response, new IllegalStateException("watch stream to " + endpoint + " ended"))));
            });
        });
        return answered.future();
    }

    /** Makes {@code request} the watch's stream and sends the create request; false if the watch has ended. */
    private synchronized boolean start(GrpcClientRequest<WatchRequest, WatchResponse> request) {
        if (decoder.ended()) {
            return false;
        }
        GrpcClientRequest<WatchRequest, WatchResponse> previous = stream;
        stream = request;
        if (previous != null) {
            // An attempt that timed out may still have opened its stream; only the newest one may deliver.
            previous.cancel();
        }
        request.write(WatchRequest.newBuilder().setCreateRequest(decoder.resumption()).build());
        return true;
    }

    private synchronized void handle(GrpcClientRequest<WatchRequest, WatchResponse> request, WatchResponse response) {
        if (request == stream && decoder.handle(response)) {
            stream = null;
            open.remove(this);
            finish(request);
        }
    }

    /** Before the store answered, a failed attempt; after, a lost stream: resume the watch elsewhere. */
    private void lost(GrpcClientRequest<WatchRequest, WatchResponse> request, Promise<Void> answered, Throwable why) {
        if (answered.tryFail(why)) {
            return;
        }
        synchronized (this) {
            if (request != stream || decoder.ended()) {
                return;
            }
            stream = null;
        }
        establish();
    }
}
