package dev.berth.store.wal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The WAL holds something recovery cannot explain as a write torn by a crash, so replaying it could lose or
 * invent committed entries. The member must not start from it; the message says where the damage is and what the
 * operator can do.
 */
public final class WalCorruptedException extends IOException {

    private static final String CONSEQUENCE = "; refusing to start (committed entries could be lost)."
            + " Restore this member from a snapshot or remove and re-add it.";

    private final Path file;
    private final long offset;

    private WalCorruptedException(String message, Path file, long offset) {
        super(message);
        this.file = file;
        this.offset = offset;
    }

    /** A damaged or inconsistent record at {@code offset} of segment {@code file}. */
    static WalCorruptedException atRecord(Path file, long offset, String problem) {
        return new WalCorruptedException("WAL record at " + file + " offset " + offset + " " + problem + CONSEQUENCE,
                file, offset);
    }

    /** A problem of the log as a whole, in a segment file or in the WAL directory. */
    static WalCorruptedException inLog(Path fileOrDirectory, String problem) {
        return new WalCorruptedException("WAL " + fileOrDirectory + " " + problem + CONSEQUENCE, fileOrDirectory, -1);
    }

    /** The segment file, or the WAL directory when the problem is not in one file. */
    public Path file() {
        return file;
    }

    /** The byte offset of the bad record in {@link #file()}, if the problem is one record. */
    public OptionalLong offset() {
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }
}
