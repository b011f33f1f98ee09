package dev.berth.shim.watch;

import dev.berth.shim.json.Json;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watch over a WebSocket: one JSON event per text message, as kube-apiserver serves watches to WebSocket clients.
 * Like {@link ChunkedWatchSink}, it ends the watch of a client that stops reading.
 */
public final class WebSocketWatchSink implements WatchSink {
    private final ServerWebSocket socket;
    private final WriteBacklog backlog = new WriteBacklog(MAX_QUEUED_BYTES);
    private volatile boolean closed;

    public WebSocketWatchSink(ServerWebSocket socket) {
        this.socket = socket;
        socket.closeHandler(v -> closed = true);
    }

    @Override
    public void send(ObjectNode event) {
        if (closed) {
            return;
        }
        byte[] message = Json.bytes(event);
        if (!backlog.write(message.length,
                () -> socket.writeTextMessage(new String(message, StandardCharsets.UTF_8)))) {
            end();
        }
    }

    @Override
    public void end() {
        if (!closed) {
            closed = true;
            socket.close();
        }
    }

    @Override
    public void onClientGone(Runnable action) {
        socket.closeHandler(v -> {
            closed = true;
            action.run();
        });
        if (closed || socket.isClosed()) {
            action.run();
        }
    }
}
