package dev.berth.store.wal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The newest snapshot file is damaged. Falling back to an older snapshot is not safe (the WAL may have released the
 * entries between the two), so the member must not start from this directory.
 */
public final class SnapshotCorruptedException extends IOException {

    private final Path file;

    SnapshotCorruptedException(Path file, String problem) {
        super("Snapshot file " + file + " " + problem + "; refusing to load it or fall back to an older snapshot"
                + " (the WAL may no longer hold the entries in between). Restore this member from a healthy peer:"
                + " remove it from the cluster and re-add it.");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
