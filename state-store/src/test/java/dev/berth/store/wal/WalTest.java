package dev.berth.store.wal;

import static dev.berth.store.wal.WalFixtures.NO_FSYNC;
import static dev.berth.store.wal.WalFixtures.entries;
import static dev.berth.store.wal.WalFixtures.entry;
import static dev.berth.store.wal.WalFixtures.hardState;
import static dev.berth.store.wal.WalFixtures.lastSegment;
import static dev.berth.store.wal.WalFixtures.segments;
import static dev.berth.store.wal.WalFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.HardState;
import dev.berth.store.raft.pb.SnapshotMetadata;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Writing and replaying a healthy WAL. */
class WalTest {

    @TempDir
    Path dir;

    private WalReplay reopen(SnapshotMetadata from) throws IOException {
        try (Wal wal = Wal.open(dir, from, NO_FSYNC)) {
            return wal.replay();
        }
    }

    @Test
    void roundTripWithFsync() throws IOException {
        try (Wal wal = Wal.create(dir, WalOptions.defaults())) {
            assertThat(wal.replay()).isEqualTo(new WalReplay(HardState.getDefaultInstance(), List.of(), 0));
            wal.save(hardState(1, 1, 0), entries(1, 3, 1));
            wal.save(null, entries(4, 5, 1));
            wal.save(hardState(1, 1, 5), List.of());
        }

        try (Wal wal = Wal.open(dir, SnapshotMetadata.getDefaultInstance(), WalOptions.defaults())) {
            assertThat(wal.replay().hardState()).isEqualTo(hardState(1, 1, 5));
            assertThat(wal.replay().entries()).containsExactlyElementsOf(entries(1, 5, 1));
            assertThat(wal.replay().lastIndex()).isEqualTo(5);
            wal.save(null, entries(6, 6, 2));
        }
        assertThat(reopen(SnapshotMetadata.getDefaultInstance()).entries())
                .containsExactlyElementsOf(concat(entries(1, 5, 1), entries(6, 6, 2)));
        assertThat(segments(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("0000000000000000-0000000000000001.wal");
    }

    @Test
    void createRefusesADirectoryThatHoldsAWal() throws IOException {
        Wal.create(dir, NO_FSYNC).close();

        assertThatThrownBy(() -> Wal.create(dir, NO_FSYNC))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("already holds a WAL; open it with Wal.open");
    }

    @Test
    void createMakesMissingDirectories() throws IOException {
        Path nested = dir.resolve("a/b/wal");
        try (Wal wal = Wal.create(nested, WalOptions.defaults())) {
            wal.save(null, entries(1, 1, 1));
        }
        assertThat(segments(nested)).hasSize(1);
    }

    @Test
    void openRefusesADirectoryWithoutAWal() throws IOException {
        assertThatThrownBy(() -> Wal.open(dir, SnapshotMetadata.getDefaultInstance(), NO_FSYNC))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("Wal.create");
        assertThatThrownBy(() -> Wal.open(dir.resolve("absent"), SnapshotMetadata.getDefaultInstance(), NO_FSYNC))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("absent");
    }

    @Test
    void aSecondWriterIsLockedOutUntilTheFirstCloses() throws IOException {
        Wal first = Wal.create(dir, NO_FSYNC);

        assertThatThrownBy(() -> Wal.open(dir, SnapshotMetadata.getDefaultInstance(), NO_FSYNC))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is in use");

        first.close();
        Wal.open(dir, SnapshotMetadata.getDefaultInstance(), NO_FSYNC).close();
    }

    @Test
    void savesWithNothingNewWriteNothing() throws IOException {
        try (Wal wal = Wal.create(dir, NO_FSYNC)) {
            wal.save(hardState(2, 1, 0), entries(1, 1, 2));
            long size = Files.size(lastSegment(dir));

            wal.save(null, List.of());
            wal.save(HardState.getDefaultInstance(), List.of());
            wal.save(hardState(2, 1, 0), List.of());

            assertThat(Files.size(lastSegment(dir))).isEqualTo(size);
            wal.save(hardState(2, 1, 1), List.of());
            assertThat(Files.size(lastSegment(dir))).isGreaterThan(size);
        }
    }

    @Test
    void theLastHardStateWins() throws IOException {
        try (Wal wal = Wal.create(dir, NO_FSYNC)) {
            wal.save(hardState(1, 1, 0), entries(1, 2, 1));
            wal.save(hardState(2, 3, 2), entries(3, 3, 2));
            wal.save(hardState(3, 0, 2), List.of());
            wal.save(null, entries(4, 4, 3));
        }
        assertThat(reopen(SnapshotMetadata.getDefaultInstance()).hardState()).isEqualTo(hardState(3, 0, 2));
    }

    @Test
    void manyEntriesReplayAcrossSegmentCuts() throws IOException {
        List<Entry> written = new ArrayList<>();
        try (Wal wal = Wal.create(dir, NO_FSYNC.withSegmentBytes(1024))) {
            long index = 1;
            for (int batch = 0; batch < 200; batch++) {
                List<Entry> entries = entries(index, index + batch % 5, 1 + batch / 50);
                wal.save(hardState(1 + batch / 50, 1, index - 1), entries);
                written.addAll(entries);
                index += entries.size();
            }
        }

        List<Path> segments = segments(dir);
        assertThat(segments).hasSizeGreaterThan(10);
        for (int i = 0; i < segments.size(); i++) {
            assertThat(segments.get(i).getFileName().toString()).startsWith(String.format("%016x-", i));
        }
        WalReplay replay = reopen(SnapshotMetadata.getDefaultInstance());
        assertThat(replay.entries()).containsExactlyElementsOf(written);
        assertThat(replay.lastIndex()).isEqualTo(written.size());
        assertThat(replay.hardState()).isEqualTo(hardState(4, 1, written.size() - 5));
    }

    @Test
    void segmentNamesGiveTheIndexOfTheirFirstEntry() throws IOException {
        try (Wal wal = Wal.create(dir, NO_FSYNC.withSegmentBytes(1))) {
            wal.save(null, entries(1, 3, 1));
            wal.save(null, entries(4, 4, 1));
            wal.save(null, entries(5, 9, 1));
        }
        assertThat(segments(dir)).extracting(p -> p.getFileName().toString()).containsExactly(
                "0000000000000000-0000000000000001.wal",
                "0000000000000001-0000000000000004.wal",
                "0000000000000002-0000000000000005.wal");
    }

    static Stream<Arguments> conflicts() {
        return Stream.of(
                Arguments.of("suffix overwritten by a new term", 1 << 20,
                        List.of(entries(1, 10, 1), entries(6, 8, 2)),
                        concat(entries(1, 5, 1), entries(6, 8, 2))),
                Arguments.of("plain append, no conflict", 1 << 20,
                        List.of(entries(1, 10, 1), entries(11, 12, 1)),
                        entries(1, 12, 1)),
                Arguments.of("whole log overwritten from index 1", 1 << 20,
                        List.of(entries(1, 10, 1), entries(1, 1, 2)),
                        entries(1, 1, 2)),
                Arguments.of("last entry overwritten", 1 << 20,
                        List.of(entries(1, 10, 1), entries(10, 10, 2)),
                        concat(entries(1, 9, 1), entries(10, 10, 2))),
                Arguments.of("two overwrites in a row", 1 << 20,
                        List.of(entries(1, 10, 1), entries(5, 12, 2), entries(7, 7, 3)),
                        concat(entries(1, 4, 1), entries(5, 6, 2), entries(7, 7, 3))),
                Arguments.of("overwrite reaching back into earlier segments", 512,
                        List.of(entries(1, 50, 1), entries(20, 25, 2), entries(26, 30, 2)),
                        concat(entries(1, 19, 1), entries(20, 30, 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conflicts")
    void aLaterEntryReplacesTheEntryAtItsIndexAndEverythingAfter(String scenario, int segmentBytes,
            List<List<Entry>> batches, List<Entry> expected) throws IOException {
        try (Wal wal = Wal.create(dir, NO_FSYNC.withSegmentBytes(segmentBytes))) {
            for (List<Entry> batch : batches) {
                wal.save(null, batch);
            }
        }
        WalReplay replay = reopen(SnapshotMetadata.getDefaultInstance());
        assertThat(replay.entries()).containsExactlyElementsOf(expected);
        assertThat(replay.lastIndex()).isEqualTo(expected.get(expected.size() - 1).getIndex());

        try (Wal wal = Wal.open(dir, SnapshotMetadata.getDefaultInstance(), NO_FSYNC)) {
            wal.save(null, List.of(entry(replay.lastIndex() + 1, 9)));
        }
        assertThat(reopen(SnapshotMetadata.getDefaultInstance()).entries())
                .containsExactlyElementsOf(concat(expected, List.of(entry(replay.lastIndex() + 1, 9))));
    }

    @Test
    void replayFromASnapshotStartsAfterItsIndex() throws IOException {
        try (Wal wal = Wal.create(dir, NO_FSYNC)) {
            wal.save(hardState(1, 1, 15), entries(1, 15, 1));
            wal.saveSnapshot(snapshot(10, 1));
            wal.save(hardState(2, 1, 15), entries(16, 20, 2));
        }

        WalReplay fromSnapshot = reopen(snapshot(10, 1));
        assertThat(fromSnapshot.entries()).containsExactlyElementsOf(concat(entries(11, 15, 1), entries(16, 20, 2)));
        assertThat(fromSnapshot.lastIndex()).isEqualTo(20);
        assertThat(fromSnapshot.hardState()).isEqualTo(hardState(2, 1, 15));

        assertThat(reopen(SnapshotMetadata.getDefaultInstance()).entries()).hasSize(20);
    }

    @Test
    void anOverwriteAtOrBelowTheSnapshotIndexDropsTheEntriesAfterIt() throws IOException {
        try (Wal wal = Wal.create(dir, NO_FSYNC)) {
            wal.save(null, entries(1, 15, 1));
            wal.save(hardState(2, 2, 10), entries(8, 10, 2));
            wal.saveSnapshot(snapshot(10, 2));
        }
        WalReplay replay = reopen(snapshot(10, 2));
        assertThat(replay.entries()).as("entries 11-15 of term 1 were overwritten").isEmpty();
        assertThat(replay.lastIndex()).isEqualTo(10);
    }

    @Test
    void aSnapshotWithNoLaterEntriesReplaysToItsIndex() throws IOException {
        try (Wal wal = Wal.create(dir, NO_FSYNC)) {
            wal.save(null, entries(1, 3, 1));
            wal.saveSnapshot(snapshot(100, 4));
            wal.save(hardState(4, 0, 100), List.of());
        }
        WalReplay replay = reopen(snapshot(100, 4));
        assertThat(replay.entries()).isEmpty();
        assertThat(replay.lastIndex()).isEqualTo(100);
        assertThat(replay.hardState()).isEqualTo(hardState(4, 0, 100));
    }

    @Test
    void entriesAfterAnInstalledSnapshotFollowItsIndex() throws IOException {
        try (Wal wal = Wal.create(dir, NO_FSYNC)) {
            wal.save(hardState(1, 1, 3), entries(1, 5, 1));
            assertThatThrownBy(() -> wal.save(null, entries(101, 101, 4)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Entry 101")
                    .hasMessageContaining("last index 5")
                    .hasMessageContaining("saveSnapshot");
            wal.saveSnapshot(snapshot(100, 4));
            wal.save(hardState(4, 0, 100), entries(101, 103, 4));
        }
        assertThat(reopen(snapshot(100, 4)).entries()).containsExactlyElementsOf(entries(101, 103, 4));
    }

    @Test
    void replayRefusesASnapshotWhoseMarkerIsMissing() throws IOException {
        try (Wal wal = Wal.create(dir, NO_FSYNC)) {
            wal.save(null, entries(1, 15, 1));
            wal.saveSnapshot(snapshot(10, 1));
        }
        for (SnapshotMetadata unknown : List.of(snapshot(10, 2), snapshot(11, 1))) {
            assertThatThrownBy(() -> reopen(unknown))
                    .isInstanceOf(WalCorruptedException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("holds no marker for the snapshot at index " + unknown.getIndex()
                            + " term " + unknown.getTerm())
                    .hasMessageContaining("refusing to start");
        }
    }

    @Test
    void releaseDeletesOnlySegmentsBeforeTheOneHoldingIndexMinusOne() throws IOException {
        HardState vote = hardState(3, 2, 1);
        try (Wal wal = Wal.create(dir, NO_FSYNC.withSegmentBytes(600))) {
            wal.save(vote, entries(1, 1, 3));
            for (long i = 2; i <= 200; i += 4) {
                wal.save(null, entries(i, i + 3, 3));
            }
            wal.saveSnapshot(snapshot(150, 3));
            List<Path> before = segments(dir);

            wal.releaseTo(150);

            List<Path> after = segments(dir);
            assertThat(after).hasSizeLessThan(before.size()).isEqualTo(before.subList(before.size() - after.size(),
                    before.size()));
            assertThat(firstIndex(after.get(0))).isLessThanOrEqualTo(149);
            assertThat(firstIndex(after.get(1))).isGreaterThan(149);
            assertThat(firstIndex(before.get(before.size() - after.size()))).isLessThanOrEqualTo(149);

            wal.save(null, entries(201, 205, 3));
        }

        WalReplay replay = reopen(snapshot(150, 3));
        assertThat(replay.entries()).containsExactlyElementsOf(entries(151, 205, 3));
        assertThat(replay.hardState()).as("the hard state saved in a released segment").isEqualTo(vote);
    }

    @Test
    void releaseNeverDeletesTheCurrentSegment() throws IOException {
        try (Wal wal = Wal.create(dir, NO_FSYNC.withSegmentBytes(4096))) {
            wal.save(null, entries(1, 30, 1));
            wal.releaseTo(0);
            wal.releaseTo(1);
            wal.releaseTo(Long.MAX_VALUE);
            assertThat(segments(dir)).hasSize(1);

            wal.save(null, entries(31, 130, 1));
            wal.saveSnapshot(snapshot(130, 1));
            assertThat(segments(dir)).hasSize(2);
            wal.releaseTo(Long.MAX_VALUE);
            assertThat(segments(dir)).extracting(p -> p.getFileName().toString())
                    .containsExactly("0000000000000001-0000000000000083.wal");
            wal.save(null, entries(131, 131, 1));
        }
        assertThat(reopen(snapshot(130, 1)).entries()).containsExactly(entry(131, 1));
    }

    @Test
    void saveRejectsBatchesWithGapsAndKeepsWorking() throws IOException {
        try (Wal wal = Wal.create(dir, NO_FSYNC)) {
            wal.save(null, entries(1, 3, 1));
            assertThatThrownBy(() -> wal.save(null, List.of(entry(4, 1), entry(6, 1))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Entry 6 at position 1");
            assertThatThrownBy(() -> wal.save(null, List.of(entry(5, 1))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> wal.save(null, List.of(entry(0, 1))))
                    .isInstanceOf(IllegalArgumentException.class);
            wal.save(null, entries(4, 4, 1));
        }
        assertThat(reopen(SnapshotMetadata.getDefaultInstance()).entries()).containsExactlyElementsOf(entries(1, 4, 1));
    }

    @Test
    void aClosedWalRefusesWrites() throws IOException {
        Wal wal = Wal.create(dir, NO_FSYNC);
        wal.close();
        wal.close();
        assertThatThrownBy(() -> wal.save(null, entries(1, 1, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static long firstIndex(Path segment) {
        return Long.parseLong(segment.getFileName().toString().substring(17, 33), 16);
    }

    @SafeVarargs
    private static List<Entry> concat(List<Entry>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }
}
