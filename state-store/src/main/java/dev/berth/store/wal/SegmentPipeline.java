package dev.berth.store.wal;

import dev.berth.store.DaemonThreads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a {@link Wal}'s new segments, preparing each preallocated one on a thread of its own while the segment
 * before it fills, as etcd's WAL file pipeline does. Writing and syncing a segment's zeros (64 MiB by default) took
 * the writer 250–340 ms on a loaded 2-core machine, during which no write of the member could be acknowledged; with
 * the file ready, starting a segment writes only its first records and renames the file.
 *
 * <p>If preparing failed, the segment is created as without the pipeline, which reports the error if it persists.
 * Without {@link WalOptions#preallocate()} there is nothing to prepare: segments are created when needed.
 *
 * <p>Used by the WAL's single writer; only the preparation runs on the pipeline's thread.
 */
final class SegmentPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentPipeline.class);
    /** Ends in {@code .wal.tmp}, so recovery deletes one a crash left behind. */
    static final String PREPARED_FILE_NAME = "next.wal" + SegmentFiles.TMP_SUFFIX;

    private final Path dir;
    private final Path prepared;
    private final WalOptions options;
    private final ExecutorService thread;
    private Future<?> preparing;

    private SegmentPipeline(Path dir, WalOptions options, ExecutorService thread) {
        this.dir = dir;
        this.prepared = dir.resolve(PREPARED_FILE_NAME);
        this.options = options;
        this.thread = thread;
        prepareNext();
    }

    /** A pipeline for the WAL in {@code dir}; with preallocation, it starts preparing the next segment at once. */
    static SegmentPipeline start(Path dir, WalOptions options) {
        ExecutorService thread = options.preallocate()
                ? Executors.newSingleThreadExecutor(DaemonThreads.named("berth-wal-prepare"))
                : null;
        return new SegmentPipeline(dir, options, thread);
    }

    /**
     * Creates segment {@code name} holding {@code firstRecords}, from the prepared file if there is one (waiting for
     * it if it is not ready yet), and starts preparing the one after it.
     */
    Path create(SegmentName name, ByteBuffer firstRecords) throws IOException {
        if (thread == null) {
            return SegmentFiles.create(dir, name, firstRecords, options);
        }
        Path segment = preparedSegment(name, firstRecords);
        prepareNext();
        return segment;
    }

    private Path preparedSegment(SegmentName name, ByteBuffer firstRecords) throws IOException {
        try {
            preparing.get();
            return SegmentFiles.publishPrepared(prepared, dir, name, firstRecords, options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the WAL segment " + prepared
                    + " to be prepared");
        } catch (ExecutionException | IOException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn("Could not start WAL segment {} from the prepared file {} ({}); creating it directly instead",
                    name.fileName(), prepared, cause.toString());
            Files.deleteIfExists(prepared);
            return SegmentFiles.create(dir, name, firstRecords, options);
        }
    }

    private void prepareNext() {
        if (thread != null) {
            preparing = thread.submit(() -> {
                SegmentFiles.prepare(prepared, options);
                return null;
            });
        }
    }

    /** Stops preparing and deletes a prepared file that no segment took. */
    @Override
    public void close() throws IOException {
        if (thread == null) {
            return;
        }
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Preparing the WAL segment {} did not stop within 10 s; it is deleted when the WAL opens",
                        prepared);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Files.deleteIfExists(prepared);
    }
}
