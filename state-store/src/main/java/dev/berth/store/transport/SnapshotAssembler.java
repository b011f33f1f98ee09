package dev.berth.store.transport;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import dev.berth.store.raft.pb.SnapshotChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the pieces of the snapshots streamed on one inbound connection ({@link SnapshotStream}) back into one
 * {@code MSG_SNAPSHOT}, and passes every other message straight on. The pieces are kept as they came and joined
 * without copying, and memory grows only with the bytes that actually arrived, whatever size a piece announces.
 * A piece that does not continue the snapshot being joined discards it with a warning: the leader hears nothing
 * back from the follower and sends the snapshot again.
 *
 * <p>Not thread-safe: one instance per connection, fed in order from its event loop.
 */
final class SnapshotAssembler implements Consumer<Message> {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotAssembler.class);
    /** A protobuf byte string, hence a snapshot, holds at most this many bytes. */
    private static final long MAX_SNAPSHOT_BYTES = Integer.MAX_VALUE;

    private final Consumer<Message> onMessage;
    private final String source;
    private final List<ByteString> pieces = new ArrayList<>();
    private Message first;
    private long joined;
    /** After a bad piece, the rest of its snapshot is dropped quietly until the next one starts. */
    private boolean skipping;

    /**
     * @param onMessage receives every message that is not a piece, and each snapshot once joined, in order
     * @param source    where the connection comes from, for logs
     */
    SnapshotAssembler(Consumer<Message> onMessage, String source) {
        this.onMessage = onMessage;
        this.source = source;
    }

    @Override
    public void accept(Message message) {
        if (!message.hasChunk()) {
            onMessage.accept(message);
            return;
        }
        if (skipping && message.getChunk().getOffset() != 0) {
            return;
        }
        String problem = problemWith(message);
        if (problem != null) {
            skipping = true;
            LOG.warn("dropping a snapshot piece from peer {} at {}: {}; the leader sends the snapshot again",
                    Long.toHexString(message.getFrom()), source, problem);
            reset();
            return;
        }
        if (message.getChunk().getOffset() == 0) {
            reset();
            first = message;
            skipping = false;
        }
        pieces.add(message.getSnapshot().getData());
        joined += message.getSnapshot().getData().size();
        if (joined == first.getChunk().getTotalBytes()) {
            Message whole = first.toBuilder()
                    .clearChunk()
                    .setSnapshot(first.getSnapshot().toBuilder().setData(ByteString.copyFrom(pieces)))
                    .build();
            reset();
            onMessage.accept(whole);
        }
    }

    /** Why {@code piece} cannot be joined to what came before, or null if it can. */
    private String problemWith(Message piece) {
        SnapshotChunk chunk = piece.getChunk();
        long end = chunk.getOffset() + piece.getSnapshot().getData().size();
        if (piece.getType() != MessageType.MSG_SNAPSHOT) {
            return "a " + piece.getType() + " cannot be a snapshot piece";
        }
        if (chunk.getOffset() < 0 || chunk.getTotalBytes() < 0 || chunk.getTotalBytes() > MAX_SNAPSHOT_BYTES
                || end > chunk.getTotalBytes()) {
            return "bytes " + chunk.getOffset() + ".." + end + " do not fit a snapshot of " + chunk.getTotalBytes()
                    + " bytes (at most " + MAX_SNAPSHOT_BYTES + ")";
        }
        if (chunk.getOffset() == 0) {
            return null;
        }
        if (first == null) {
            return "it starts at byte " + chunk.getOffset() + " of a snapshot whose start never came";
        }
        if (chunk.getOffset() != joined || chunk.getTotalBytes() != first.getChunk().getTotalBytes()
                || !piece.getSnapshot().getMetadata().equals(first.getSnapshot().getMetadata())
                || piece.getTerm() != first.getTerm()) {
            return "it does not continue the snapshot being joined (" + joined + " of "
                    + first.getChunk().getTotalBytes() + " bytes so far)";
        }
        return null;
    }

    private void reset() {
        pieces.clear();
        first = null;
        joined = 0;
    }
}
