package dev.berth.store.raft;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.SnapshotMetadata;
import java.io.IOException;

/**
 * Where a {@link MemoryStorage} that keeps only its snapshot's metadata reads the snapshot's data back: the owner's
 * snapshot files. The data is the whole replicated state; kept on the heap it would hold that state a second time
 * (tens of megabytes per hundred thousand keys, in the old generation) for the rare moment a follower needs it.
 */
@FunctionalInterface
public interface SnapshotSource {

    /**
     * The data of the snapshot with {@code metadata}, which the owner saved before handing it to the storage. It
     * should be a view of where it is saved (a memory map of the file), not a copy on the heap: the storage keeps
     * the last one read for as long as it is the current snapshot.
     */
    ByteString load(SnapshotMetadata metadata) throws IOException;
}
