package dev.berth.store.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Makes a directory's entries durable: a created, renamed or deleted file is only permanent once its directory is synced. */
final class Fsync {

    /**
     * How much a large file written in the background (a segment being prepared, a snapshot) may hold unsynced. On
     * ext4 a sync of the WAL may also have to write other files' newly allocated blocks, so one sync of the whole
     * file at its end would make the WAL's next sync wait for all of it; syncing every MiB bounds that wait.
     */
    static final int BACKGROUND_SYNC_BYTES = 1 << 20;

    private Fsync() {
    }

    /**
     * Writes {@code buffers} to {@code tmp}, syncs it, renames it atomically to {@code target} and syncs the
     * directory (the syncs only when {@code fsync}): a reader sees the whole file or none of it.
     */
    static void writeAtomically(Path tmp, Path target, boolean fsync, ByteBuffer... buffers) throws IOException {
        writeDurably(tmp, fsync, buffers);
        publish(tmp, target, fsync);
    }

    /** Writes a file whose content is on disk (with fsync on) before it is given its real name. */
    static void writeDurably(Path tmp, boolean fsync, ByteBuffer... buffers) throws IOException {
        writeDurably(tmp, fsync, channel -> {
            while (Arrays.stream(buffers).anyMatch(ByteBuffer::hasRemaining)) {
                channel.write(buffers);
            }
        });
    }

    /** What fills a file opened by {@link #writeDurably(Path, boolean, Content)}. */
    @FunctionalInterface
    interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Creates or truncates {@code tmp}, lets {@code content} fill it, and syncs it (with fsync on). The channel is
     * readable too, for content that reads back what it wrote.
     */
    static void writeDurably(Path tmp, boolean fsync, Content content) throws IOException {
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            content.writeTo(channel);
            if (fsync) {
                channel.force(false);
            }
        }
    }

    /** Renames a file written and synced under a temporary name to its real name, atomically, and makes the rename durable. */
    static void publish(Path tmp, Path target, boolean fsync) throws IOException {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        if (fsync) {
            directory(target.getParent());
        }
    }

    static void directory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
