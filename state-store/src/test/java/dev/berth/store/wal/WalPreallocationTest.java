package dev.berth.store.wal;

import static dev.berth.store.wal.WalFixtures.entries;
import static dev.berth.store.wal.WalFixtures.entry;
import static dev.berth.store.wal.WalFixtures.flipByte;
import static dev.berth.store.wal.WalFixtures.hardState;
import static dev.berth.store.wal.WalFixtures.lastSegment;
import static dev.berth.store.wal.WalFixtures.putInt;
import static dev.berth.store.wal.WalFixtures.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.store.raft.pb.SnapshotMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments created full of zeros: records overwrite the zeros, and where only zeros remain the records end. */
class WalPreallocationTest {

    private static final long SEGMENT_BYTES = 64 << 10;
    private static final WalOptions PREALLOCATED = WalOptions.defaults().withFsync(false).withSegmentBytes(SEGMENT_BYTES);
    private static final SnapshotMetadata NO_SNAPSHOT = SnapshotMetadata.getDefaultInstance();

    @TempDir
    Path dir;

    @Test
    void aNewSegmentIsFullSizeAndAppendsDoNotGrowIt() throws IOException {
        try (Wal wal = Wal.create(dir, PREALLOCATED)) {
            assertThat(Files.size(lastSegment(dir))).isEqualTo(SEGMENT_BYTES);
            wal.save(hardState(1, 1, 0), entries(1, 10, 1));
            assertThat(Files.size(lastSegment(dir))).isEqualTo(SEGMENT_BYTES);
        }
    }

    @Test
    void reopeningContinuesRightAfterTheLastRecordNotAtTheEndOfTheFile() throws IOException {
        try (Wal wal = Wal.create(dir, PREALLOCATED)) {
            wal.save(hardState(1, 1, 2), entries(1, 3, 1));
        }
        try (Wal wal = Wal.open(dir, NO_SNAPSHOT, PREALLOCATED)) {
            assertThat(wal.replay().entries()).containsExactlyElementsOf(entries(1, 3, 1));
            wal.save(hardState(1, 1, 3), List.of(entry(4, 1)));
        }
        try (Wal wal = Wal.open(dir, NO_SNAPSHOT, PREALLOCATED)) {
            assertThat(wal.replay().entries()).containsExactlyElementsOf(entries(1, 4, 1));
            assertThat(wal.replay().hardState()).isEqualTo(hardState(1, 1, 3));
            assertThat(Files.size(lastSegment(dir))).isEqualTo(SEGMENT_BYTES);
        }
    }

    @Test
    void everyCutSegmentIsPreallocatedAndTheLogReplaysAcrossThem() throws IOException {
        long segmentBytes = 8 << 10;
        WalOptions options = PREALLOCATED.withSegmentBytes(segmentBytes);
        try (Wal wal = Wal.create(dir, options)) {
            for (long i = 1; i <= 2_000; i += 10) {
                wal.save(hardState(1, 1, i - 1), entries(i, i + 9, 1));
            }
        }
        List<Path> files = segments(dir);
        assertThat(files).hasSizeGreaterThan(2);
        assertThat(files).allSatisfy(f -> assertThat(Files.size(f)).isGreaterThanOrEqualTo(segmentBytes));
        try (Wal wal = Wal.open(dir, NO_SNAPSHOT, options)) {
            assertThat(wal.replay().entries()).containsExactlyElementsOf(entries(1, 2_000, 1));
        }
    }

    @Test
    void aRecordTornInsideThePreallocatedSpaceIsCutAway() throws IOException {
        long tornAt;
        try (Wal wal = Wal.create(dir, PREALLOCATED)) {
            wal.save(hardState(1, 1, 2), entries(1, 2, 1));
            tornAt = WalFixtures.frames(lastSegment(dir)).stream().mapToLong(WalFixtures.Frame::end).max().orElseThrow();
            wal.save(null, List.of(entry(3, 1)));
        }
        flipByte(lastSegment(dir), tornAt + 9);

        try (Wal wal = Wal.open(dir, NO_SNAPSHOT, PREALLOCATED)) {
            assertThat(wal.replay().entries()).containsExactlyElementsOf(entries(1, 2, 1));
            assertThat(Files.size(lastSegment(dir))).isEqualTo(tornAt);
            wal.save(null, List.of(entry(3, 2)));
        }
        try (Wal wal = Wal.open(dir, NO_SNAPSHOT, PREALLOCATED)) {
            assertThat(wal.replay().entries()).containsExactlyElementsOf(
                    Stream.concat(entries(1, 2, 1).stream(), Stream.of(entry(3, 2))).toList());
        }
    }

    @Test
    void aZeroLengthFollowedByAValidRecordIsDamageNotTheEnd() throws IOException {
        try (Wal wal = Wal.create(dir, PREALLOCATED)) {
            wal.save(hardState(1, 1, 0), entries(1, 3, 1));
        }
        putInt(lastSegment(dir), 0, 0);

        assertThatThrownBy(() -> Wal.open(dir, NO_SNAPSHOT, PREALLOCATED))
                .isInstanceOf(WalCorruptedException.class)
                .hasMessageContaining("has length 0")
                .hasMessageContaining("a valid record follows");
    }

}
