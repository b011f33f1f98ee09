package dev.berth.store.transport;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.SnapshotChunk;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

/**
 * One {@code MSG_SNAPSHOT} on its way to a peer as consecutive pieces of its data (etcd streams snapshots apart from
 * its other messages for the same reasons): a snapshot of any size fits the frame limit, never waits whole in the
 * peer's bounded queue, and leaves room between its pieces for the heartbeats Raft keeps sending. Each piece is
 * encoded only when the connection has room to write it, so besides the snapshot itself only the pieces in the
 * connection's write buffer are in memory. The receiver joins the pieces back into one message
 * ({@link SnapshotAssembler}).
 *
 * <p>Not thread-safe: after construction it is used on its link's context only.
 */
final class SnapshotStream {

    /** The data carried by one piece at most: large enough to cost little framing, small enough to interleave. */
    static final int MAX_PIECE_BYTES = 1 << 20;
    /**
     * What a piece's framing may add to the message without its data: the chunk field (two varints), and the
     * longer length prefixes of the data and snapshot fields.
     */
    private static final int PIECE_OVERHEAD_BYTES = 64;

    private final Message header;
    private final ByteString data;
    private final int pieceBytes;
    private final Promise<Void> outcome = Promise.promise();
    private int offset;
    private boolean started;

    private SnapshotStream(Message header, ByteString data, int pieceBytes) {
        this.header = header;
        this.data = data;
        this.pieceBytes = pieceBytes;
    }

    /**
     * The stream of {@code message}, in pieces whose frames stay within {@code maxFrameBytes}.
     *
     * @throws IllegalArgumentException if the message is not a snapshot, or its metadata alone leaves no room for
     *                                  data in a frame of {@code maxFrameBytes}
     */
    static SnapshotStream of(Message message, int maxFrameBytes) {
        if (!message.hasSnapshot()) {
            throw new IllegalArgumentException("only a message with a snapshot is streamed, got " + message.getType()
                    + " to peer " + message.getTo());
        }
        ByteString data = message.getSnapshot().getData();
        Message header = message.toBuilder().setSnapshot(message.getSnapshot().toBuilder().clearData()).build();
        int room = maxFrameBytes - header.getSerializedSize() - PIECE_OVERHEAD_BYTES;
        if (room <= 0) {
            throw new IllegalArgumentException("the snapshot metadata to peer " + message.getTo() + " takes "
                    + header.getSerializedSize() + " bytes, leaving no room for data within maxFrameBytes "
                    + maxFrameBytes);
        }
        return new SnapshotStream(header, data, Math.min(room, MAX_PIECE_BYTES));
    }

    /** Whether a piece remains to be sent; an empty snapshot is still one piece. */
    boolean hasNext() {
        return !started || offset < data.size();
    }

    /** The frame of the next piece. */
    Buffer next() {
        int end = offset + Math.min(pieceBytes, data.size() - offset);
        Message piece = header.toBuilder()
                .setSnapshot(header.getSnapshot().toBuilder().setData(data.substring(offset, end)))
                .setChunk(SnapshotChunk.newBuilder().setOffset(offset).setTotalBytes(data.size()))
                .build();
        offset = end;
        started = true;
        return Frames.encode(piece, piece.getSerializedSize());
    }

    /** How far the stream got, for logs: bytes of data taken so far out of the total. */
    String progress() {
        return offset + " of " + data.size() + " bytes";
    }

    Future<Void> outcome() {
        return outcome.future();
    }

    void delivered() {
        outcome.tryComplete();
    }

    void fail(String why) {
        outcome.tryFail(new IllegalStateException("snapshot at index " + header.getSnapshot().getMetadata().getIndex()
                + " to peer " + header.getTo() + " not sent (" + progress() + "): " + why));
    }
}
