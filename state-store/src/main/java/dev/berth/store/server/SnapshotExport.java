package dev.berth.store.server;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A state machine's state captured at one applied index, to be encoded for a Raft snapshot on another thread while
 * the member keeps applying commands: capturing is cheap, encoding (every stored value) is not, and doing it on the
 * member thread would stall every write behind it.
 */
public interface SnapshotExport extends AutoCloseable {

    /**
     * Writes the captured state's bytes, as {@link StateMachine#restore} takes them, to {@code out}. The member calls
     * it once, on its snapshot thread, to stream them into the snapshot file, so the state is never held whole on the
     * heap. Each call must write the same bytes.
     */
    void writeTo(OutputStream out) throws IOException;

    /** The captured state's bytes, whole, for a caller that wants them in memory (an etcd snapshot download). */
    default ByteString encode() {
        ByteString.Output out = ByteString.newOutput();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a state machine's snapshot in memory failed", e);
        }
        return out.toByteString();
    }

    /**
     * How many records (stored values) the captured state holds, which is what encoding it costs. The member waits
     * at least this many applied entries before its next snapshot, so that snapshotting costs a constant amount per
     * write however large the state grows. 0 (the default) leaves the spacing to {@code --snapshot-count} alone.
     */
    default long records() {
        return 0;
    }

    /** Releases what the capture holds on to; called on the member thread once encoding is over or abandoned. */
    @Override
    default void close() {
    }
}
