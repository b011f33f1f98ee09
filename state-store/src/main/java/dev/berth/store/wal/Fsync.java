package dev.berth.store.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes a directory's entries durable: a created, renamed or deleted file is only permanent once its directory is synced. */
final class Fsync {

    private Fsync() {
    }

    static void directory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
