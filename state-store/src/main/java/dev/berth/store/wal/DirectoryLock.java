package dev.berth.store.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive lock on a directory, so two writers (in this process or another) never append to one WAL. */
final class DirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "wal.lock";

    private final FileChannel channel;

    private DirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    static DirectoryLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("WAL directory " + dir + " is in use: another writer holds " + file
                    + ". A WAL has one writer; close the other Wal (or stop the other process) first.");
        }
        return new DirectoryLock(channel);
    }

    /** Releases the lock; the lock file stays, it is harmless. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
