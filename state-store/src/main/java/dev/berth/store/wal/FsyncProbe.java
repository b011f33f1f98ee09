package dev.berth.store.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Measures how many fsyncs per second the disk under a directory sustains, the ceiling for a WAL that syncs every
 * batch. Benchmarks report it next to Raft commit throughput, so a number can be read as "n batches per fsync" or
 * "the disk is the limit".
 *
 * <p>Each step writes the next 4 KiB of a scratch file preallocated with 16 MiB of zeros and forces it
 * ({@link FileChannel#force} without metadata), the way {@link Wal#save} writes its preallocated segments; after
 * 16 MiB it starts over at the beginning. The file is deleted at the end.
 */
public final class FsyncProbe {

    private static final int BLOCK_BYTES = 4096;
    private static final long MAX_FILE_BYTES = 16L << 20;

    /**
     * @param fsyncs how many write-and-force steps ran
     * @param elapsed wall time of all steps
     * @param fsyncsPerSecond {@code fsyncs} divided by {@code elapsed}
     * @param p50Micros median latency of one step
     * @param p99Micros 99th percentile latency of one step
     */
    public record Result(int fsyncs, Duration elapsed, double fsyncsPerSecond, long p50Micros, long p99Micros) {
    }

    private FsyncProbe() {
    }

    /**
     * Runs write-and-force steps in {@code dir} until {@code maxFsyncs} ran or {@code maxDuration} passed,
     * whichever comes first; at least one step runs.
     */
    public static Result measure(Path dir, int maxFsyncs, Duration maxDuration) throws IOException {
        Objects.requireNonNull(maxDuration, "maxDuration");
        if (maxFsyncs < 1) {
            throw new IllegalArgumentException("maxFsyncs must be at least 1, got " + maxFsyncs);
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive, got " + maxDuration);
        }
        byte[] block = new byte[BLOCK_BYTES];
        new SplittableRandom(42).nextBytes(block);
        long[] latencies = new long[Math.min(maxFsyncs, 1024)];
        int count = 0;
        Path file = Files.createTempFile(dir, "fsync-probe-", ".tmp");
        long start;
        long end;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            preallocate(channel);
            start = System.nanoTime();
            long deadline = start + maxDuration.toNanos();
            long position = 0;
            do {
                long before = System.nanoTime();
                ByteBuffer bytes = ByteBuffer.wrap(block);
                while (bytes.hasRemaining()) {
                    channel.write(bytes, position + bytes.position());
                }
                position = (position + BLOCK_BYTES) % MAX_FILE_BYTES;
                channel.force(false);
                end = System.nanoTime();
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, (int) Math.min(maxFsyncs, 2L * latencies.length));
                }
                latencies[count++] = end - before;
            } while (count < maxFsyncs && end < deadline);
        } finally {
            Files.deleteIfExists(file);
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        Duration elapsed = Duration.ofNanos(end - start);
        return new Result(count, elapsed, count / (elapsed.toNanos() / 1e9),
                percentileMicros(sorted, 0.50), percentileMicros(sorted, 0.99));
    }

    private static void preallocate(FileChannel channel) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        for (long written = 0; written < MAX_FILE_BYTES; written += zeros.capacity()) {
            zeros.clear();
            while (zeros.hasRemaining()) {
                channel.write(zeros, written + zeros.position());
            }
        }
        channel.force(true);
    }

    /** Nearest-rank percentile of sorted nanosecond values, in microseconds. */
    private static long percentileMicros(long[] sortedNanos, double quantile) {
        int rank = (int) Math.ceil(quantile * sortedNanos.length);
        return sortedNanos[Math.max(rank, 1) - 1] / 1_000;
    }
}
