package dev.berth.store.server;

import com.google.protobuf.ByteString;
import dev.berth.store.DaemonThreads;
import dev.berth.store.raft.SnapshotSource;
import dev.berth.store.raft.pb.SnapshotMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads snapshots back from their files on a thread of its own, for the storage that keeps only their metadata.
 * Reading one maps its file and checks the CRC of every byte (50 ms for 512 MiB from the page cache on a 2-core
 * machine, longer from disk), which on the member thread would hold up its heartbeats, appends and reads as long.
 * So the first ask for a snapshot starts the read and answers "not yet"; the leader then sends nothing and asks
 * again on the follower's next response or heartbeat round, as etcd's raft does on
 * {@code ErrSnapshotTemporarilyUnavailable}; an ask after the read is done gets the data (which the storage then
 * keeps while it is current). A failed read is reported once, to the ask after it; the ask after that reads again.
 */
final class BackgroundSnapshotReader implements SnapshotSource, AutoCloseable {

    private final SnapshotSource files;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("berth-snapshot-reader"));
    /** The snapshot being read, or read and not yet asked for again; null when none. Guarded by this. */
    private SnapshotMetadata reading;
    private CompletableFuture<ByteString> read;

    /** @param files reads a snapshot's data from its file, on this reader's thread */
    BackgroundSnapshotReader(SnapshotSource files) {
        this.files = files;
    }

    @Override
    public synchronized ByteString load(SnapshotMetadata metadata) throws IOException {
        if (read != null && metadata.equals(reading) && read.isDone()) {
            CompletableFuture<ByteString> done = read;
            read = null;
            reading = null;
            return resultOf(done, metadata);
        }
        if (read == null || !metadata.equals(reading)) {
            try {
                read = CompletableFuture.supplyAsync(() -> {
                    try {
                        return files.load(metadata);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, thread);
            } catch (RejectedExecutionException closed) {
                throw new IOException("the snapshot reader is closed", closed);
            }
            reading = metadata;
        }
        throw new IOException("the snapshot at index " + metadata.getIndex() + " is being read back from its file");
    }

    private static ByteString resultOf(CompletableFuture<ByteString> done, SnapshotMetadata metadata)
            throws IOException {
        try {
            return done.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            throw new IOException("reading back the snapshot at index " + metadata.getIndex() + " failed: " + cause,
                    cause);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
