package dev.berth.store.transport;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.raft.pb.Message;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.parsetools.RecordParser;
import java.util.function.Consumer;

/**
 * Turns the bytes of one inbound connection back into {@link Message}s (see {@link Frames}). It
 * validates a frame's length before buffering its body, so a peer cannot make this node hold more than
 * {@code maxFrameBytes} for it; on the first bad frame it reports why and ignores everything after.
 * Not thread-safe: one instance per connection, fed from that connection's event loop.
 */
final class FrameDecoder implements Handler<Buffer> {

    private final RecordParser parser = RecordParser.newFixed(Frames.HEADER_BYTES);
    private final int maxFrameBytes;
    private final Consumer<Message> onMessage;
    private final Consumer<String> onMalformed;
    private boolean expectingHeader = true;
    private boolean failed;

    /**
     * @param onMessage   receives each decoded message, in order
     * @param onMalformed receives, once, why the stream is unusable
     */
    FrameDecoder(int maxFrameBytes, Consumer<Message> onMessage, Consumer<String> onMalformed) {
        this.maxFrameBytes = maxFrameBytes;
        this.onMessage = onMessage;
        this.onMalformed = onMalformed;
        parser.handler(this::onRecord);
    }

    @Override
    public void handle(Buffer chunk) {
        if (!failed) {
            parser.handle(chunk);
        }
    }

    private void onRecord(Buffer record) {
        if (failed) {
            return;
        }
        if (expectingHeader) {
            onHeader(record.getUnsignedInt(0));
        } else {
            expectingHeader = true;
            parser.fixedSizeMode(Frames.HEADER_BYTES);
            onPayload(record);
        }
    }

    private void onHeader(long payloadBytes) {
        if (payloadBytes > maxFrameBytes) {
            fail("frame length " + payloadBytes + " exceeds maxFrameBytes " + maxFrameBytes);
        } else if (payloadBytes == 0) {
            onMessage.accept(Message.getDefaultInstance());
        } else {
            expectingHeader = false;
            parser.fixedSizeMode((int) payloadBytes);
        }
    }

    private void onPayload(Buffer payload) {
        Message message;
        try {
            message = Message.parseFrom(payload.getBytes());
        } catch (InvalidProtocolBufferException e) {
            fail("unparseable Message of " + payload.length() + " bytes: " + e.getMessage());
            return;
        }
        onMessage.accept(message);
    }

    private void fail(String reason) {
        failed = true;
        onMalformed.accept(reason);
    }
}
