package dev.berth.shim.watch;

import dev.berth.shim.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watch over a chunked HTTP response: headers at once (so the client knows the watch is open), then one JSON event
 * per line. A client that stops reading while {@link WatchSink#MAX_QUEUED_BYTES} of events wait for it has its watch
 * ended, as kube-apiserver ends a watcher that cannot keep up; it watches again from its last resourceVersion.
 */
public final class ChunkedWatchSink implements WatchSink {
    private final HttpServerResponse response;
    private final WriteBacklog backlog = new WriteBacklog(MAX_QUEUED_BYTES);

    public ChunkedWatchSink(HttpServerResponse response) {
        this.response = response;
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
        response.writeHead();
    }

    @Override
    public void send(ObjectNode event) {
        if (response.ended() || response.closed()) {
            return;
        }
        Buffer line = Buffer.buffer(Json.bytes(event)).appendByte((byte) '\n');
        if (!backlog.write(line.length(), () -> response.write(line))) {
            response.end();
        }
    }

    @Override
    public void end() {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }

    @Override
    public void onClientGone(Runnable action) {
        response.closeHandler(v -> action.run());
        response.endHandler(v -> action.run());
        if (response.closed() || response.ended()) {
            action.run();
        }
    }
}
