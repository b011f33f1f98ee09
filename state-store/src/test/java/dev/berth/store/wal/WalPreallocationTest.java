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
import static org.awaitility.Awaitility.await;

import dev.berth.store.raft.pb.SnapshotMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments created full of zeros: records overwrite the zeros, and where only zeros remain the records end. */
class WalPreallocationTest {

    private static final long SEGMENT_BYTES = 64 << 10;
    private static final WalOptions PREALLOCATED = WalOptions.defaults().withFsync(false).withSegmentBytes(SEGMENT_BYTES);
    /** Small enough that a few hundred entries fill several segments. */
    private static final long SMALL_SEGMENT_BYTES = 8 << 10;
    private static final WalOptions SMALL_SEGMENTS = PREALLOCATED.withSegmentBytes(SMALL_SEGMENT_BYTES);
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
        try (Wal wal = Wal.create(dir, SMALL_SEGMENTS)) {
            for (long i = 1; i <= 2_000; i += 10) {
                wal.save(hardState(1, 1, i - 1), entries(i, i + 9, 1));
            }
        }
        List<Path> files = segments(dir);
        assertThat(files).hasSizeGreaterThan(2);
        assertThat(files).allSatisfy(f -> assertThat(Files.size(f)).isGreaterThanOrEqualTo(SMALL_SEGMENT_BYTES));
        try (Wal wal = Wal.open(dir, NO_SNAPSHOT, SMALL_SEGMENTS)) {
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

    @Test
    void theNextSegmentIsPreparedWhileTheCurrentOneFillsAndCutsTakeIt() throws IOException {
        try (Wal wal = Wal.create(dir, SMALL_SEGMENTS)) {
            awaitPrepared();
            long i = 1;
            while (segments(dir).size() < 3) {
                wal.save(hardState(1, 1, i - 1), entries(i, i + 9, 1));
                i += 10;
                awaitPrepared();
            }
            assertThat(segments(dir)).allSatisfy(f -> assertThat(Files.size(f)).isGreaterThanOrEqualTo(SMALL_SEGMENT_BYTES));
            wal.save(hardState(1, 1, i - 1), List.of());
        }
        assertThat(prepared()).doesNotExist();
        try (Wal wal = Wal.open(dir, NO_SNAPSHOT, SMALL_SEGMENTS)) {
            long last = wal.replay().entries().get(wal.replay().entries().size() - 1).getIndex();
            assertThat(wal.replay().entries()).containsExactlyElementsOf(entries(1, last, 1));
            assertThat(wal.replay().hardState()).isEqualTo(hardState(1, 1, last));
        }
    }

    @Test
    void aSegmentWhosePreparedFileIsGoneIsCreatedDirectly() throws IOException {
        try (Wal wal = Wal.create(dir, SMALL_SEGMENTS)) {
            awaitPrepared();
            Files.delete(prepared());
            for (long i = 1; i <= 600; i += 10) {
                wal.save(hardState(1, 1, i - 1), entries(i, i + 9, 1));
            }
        }
        assertThat(segments(dir)).hasSizeGreaterThan(1);
        try (Wal wal = Wal.open(dir, NO_SNAPSHOT, SMALL_SEGMENTS)) {
            assertThat(wal.replay().entries()).containsExactlyElementsOf(entries(1, 600, 1));
        }
    }

    @Test
    void aPreparedFileLeftByACrashIsDeletedWhenTheWalOpens() throws IOException {
        try (Wal wal = Wal.create(dir, PREALLOCATED)) {
            wal.save(hardState(1, 1, 2), entries(1, 2, 1));
        }
        Path leftover = Files.write(prepared(), new byte[100]);
        try (Wal wal = Wal.open(dir, NO_SNAPSHOT, PREALLOCATED.withPreallocate(false))) {
            assertThat(leftover).doesNotExist();
            assertThat(wal.replay().entries()).containsExactlyElementsOf(entries(1, 2, 1));
        }
    }

    private Path prepared() {
        return dir.resolve(SegmentPipeline.PREPARED_FILE_NAME);
    }

    /** Waits until the next segment of {@link #SMALL_SEGMENTS} is prepared in full. */
    private void awaitPrepared() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).ignoreExceptions()
                .until(() -> Files.size(prepared()) == SMALL_SEGMENT_BYTES);
    }
}
