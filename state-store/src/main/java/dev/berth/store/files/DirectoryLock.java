package dev.berth.store.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a directory, so two writers (in this process or another) never share one WAL or
 * one MVCC backend.
 */
public final class DirectoryLock implements AutoCloseable {
    private final FileChannel channel;

    private DirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Locks {@code dir} through the file {@code lockFileName} in it.
     *
     * @param what what the directory holds, for the error ("WAL", "MVCC backend")
     * @throws IOException naming the lock file if another writer holds it
     */
    public static DirectoryLock acquire(Path dir, String lockFileName, String what) throws IOException {
        Path file = dir.resolve(lockFileName);
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
            throw new IOException(what + " directory " + dir + " is in use: another writer holds " + file
                    + ". It has one writer; close the other one (or stop the other process) first.");
        }
        return new DirectoryLock(channel);
    }

    /** Releases the lock; the lock file stays, it is harmless. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
