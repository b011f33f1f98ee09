package dev.berth.shim.watch;

import tools.jackson.databind.node.ObjectNode;

/**
 * Where a watch's events go: a chunked HTTP response (one JSON event per line, what kubectl and client-go read) or
 * a WebSocket (one event per text message, what fabric8 opens first). Called under the watch's lock, one at a
 * time, from any thread.
 */
public sealed interface WatchSink permits ChunkedWatchSink, WebSocketWatchSink {

    /** Events waiting for a client beyond this many bytes mean it has stopped reading: its watch is ended. */
    int MAX_QUEUED_BYTES = 16 * 1024 * 1024;

    void send(ObjectNode event);

    /** Ends the stream (the client sees the response or socket end and watches again). */
    void end();

    /** Runs {@code action} when the client goes (at once if it has gone already); it may run more than once. */
    void onClientGone(Runnable action);
}
