package dev.berth.store.transport;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.berth.store.raft.pb.Message;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Turns the bytes of one inbound connection back into {@link Message}s (see {@link Frames}). It
 * validates a frame's length before buffering its body, so a peer cannot make this node hold more than
 * {@code maxFrameBytes} for it; on the first bad frame it reports why and ignores everything after.
 * Not thread-safe: one instance per connection, fed from that connection's event loop.
 *
 * <p>Each chunk is copied once into an array this decoder owns, and a frame that lies whole within it is parsed
 * where it lies; a frame that spans chunks is joined into an array of exactly its size first. Protobuf copies
 * each bytes field (the entries' data) out of that array, so a decoded message holds no reference to it. Views
 * instead of those copies (aliasing) allocated less but did not make the three-member put faster
 * (docs/BENCHMARKS.md), so they are not used.
 */
final class FrameDecoder implements Handler<Buffer> {

    private final int maxFrameBytes;
    private final Consumer<Message> onMessage;
    private final Consumer<String> onMalformed;
    private final byte[] header = new byte[Frames.HEADER_BYTES];
    private int headerFilled;
    /** The body of a frame that spans chunks, being joined; null while no such frame is open. */
    private byte[] body;
    private int bodyFilled;
    private boolean failed;

    /**
     * @param onMessage   receives each decoded message, in order
     * @param onMalformed receives, once, why the stream is unusable
     */
    FrameDecoder(int maxFrameBytes, Consumer<Message> onMessage, Consumer<String> onMalformed) {
        this.maxFrameBytes = maxFrameBytes;
        this.onMessage = onMessage;
        this.onMalformed = onMalformed;
    }

    @Override
    public void handle(Buffer chunk) {
        if (failed) {
            return;
        }
        byte[] bytes = chunk.getBytes();
        int pos = 0;
        while (pos < bytes.length && !failed) {
            pos = body != null ? continueBody(bytes, pos) : readFrame(bytes, pos);
        }
    }

    /** Reads a frame from {@code pos} (or the rest of a header begun in the last chunk); returns where it ended. */
    private int readFrame(byte[] bytes, int pos) {
        int take = Math.min(Frames.HEADER_BYTES - headerFilled, bytes.length - pos);
        System.arraycopy(bytes, pos, header, headerFilled, take);
        headerFilled += take;
        pos += take;
        if (headerFilled < Frames.HEADER_BYTES) {
            return pos;
        }
        headerFilled = 0;
        long payloadBytes = Integer.toUnsignedLong((header[0] & 0xFF) << 24 | (header[1] & 0xFF) << 16
                | (header[2] & 0xFF) << 8 | header[3] & 0xFF);
        if (payloadBytes > maxFrameBytes) {
            fail("frame length " + payloadBytes + " exceeds maxFrameBytes " + maxFrameBytes);
            return pos;
        }
        int length = (int) payloadBytes;
        if (bytes.length - pos >= length) {
            parse(bytes, pos, length);
            return pos + length;
        }
        body = new byte[length];
        bodyFilled = 0;
        return continueBody(bytes, pos);
    }

    private int continueBody(byte[] bytes, int pos) {
        int take = Math.min(body.length - bodyFilled, bytes.length - pos);
        System.arraycopy(bytes, pos, body, bodyFilled, take);
        bodyFilled += take;
        if (bodyFilled == body.length) {
            byte[] whole = body;
            body = null;
            parse(whole, 0, whole.length);
        }
        return pos + take;
    }

    private void parse(byte[] bytes, int offset, int length) {
        Message message;
        try {
            message = Message.parser().parseFrom(bytes, offset, length);
        } catch (InvalidProtocolBufferException e) {
            fail("unparseable Message of " + length + " bytes: " + e.getMessage());
            return;
        }
        onMessage.accept(message);
    }

    private void fail(String reason) {
        failed = true;
        onMalformed.accept(reason);
    }
}
