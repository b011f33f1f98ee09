package dev.berth.store.transport;

import com.google.protobuf.CodedOutputStream;
import dev.berth.store.raft.pb.Message;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wire format of the transport: a 4-byte big-endian length, then that many bytes of one
 * {@link Message}. Encoding happens on the sender's thread, once, so a queued frame is immutable and its
 * size is exactly what it costs the queue.
 */
final class Frames {

    static final int HEADER_BYTES = 4;

    private Frames() {
    }

    /** The frame of {@code message}, whose encoded size is {@code payloadBytes}. */
    static Buffer encode(Message message, int payloadBytes) {
        byte[] frame = new byte[HEADER_BYTES + payloadBytes];
        frame[0] = (byte) (payloadBytes >>> 24);
        frame[1] = (byte) (payloadBytes >>> 16);
        frame[2] = (byte) (payloadBytes >>> 8);
        frame[3] = (byte) payloadBytes;
        CodedOutputStream out = CodedOutputStream.newInstance(frame, HEADER_BYTES, payloadBytes);
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a " + message.getType() + " into a byte array failed", e);
        }
        out.checkNoSpaceLeft();
        return Buffer.buffer(frame);
    }
}
