package dev.berth.store.wal;

import static dev.berth.store.wal.WalFixtures.flipByte;
import static dev.berth.store.wal.WalFixtures.snapshot;
import static dev.berth.store.wal.WalFixtures.truncate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.ConfState;
import dev.berth.store.raft.pb.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotFilesTest {

    @TempDir
    Path dir;

    private static Snapshot snap(long term, long index) {
        return Snapshot.newBuilder()
                .setMetadata(snapshot(index, term).toBuilder()
                        .setConfState(ConfState.newBuilder().addVoters(1).addVoters(2).addLearners(3)))
                .setData(ByteString.copyFrom("state at " + index, StandardCharsets.UTF_8))
                .build();
    }

    @Test
    void savedSnapshotsLoadNewestFirst() throws IOException {
        SnapshotFiles files = SnapshotFiles.open(dir);
        assertThat(files.loadNewest()).isEmpty();

        Path saved = files.save(snap(2, 10));
        files.save(snap(3, 30));
        files.save(snap(2, 20));

        assertThat(saved).isEqualTo(dir.resolve("0000000000000002-000000000000000a.snap"));
        assertThat(saved).exists();
        assertThat(SnapshotFiles.open(dir).loadNewest()).contains(snap(3, 30));
    }

    @Test
    void aSnapshotLoadsByItsTermAndIndexOnceItsFileIsPublished() throws IOException {
        SnapshotFiles files = SnapshotFiles.open(dir);
        files.save(snap(2, 10));
        SnapshotFiles.Prepared prepared = files.prepare(snap(3, 30));

        assertThat(files.load(2, 10)).isEqualTo(snap(2, 10));
        assertThatThrownBy(() -> files.load(3, 30)).as("not published yet").isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> files.load(3, 10)).as("another term").isInstanceOf(NoSuchFileException.class);

        prepared.publish();
        assertThat(files.load(3, 30)).isEqualTo(snap(3, 30));
        files.purge(1);
        assertThatThrownBy(() -> files.load(2, 10)).as("purged").isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aLoadedSnapshotsDataIsAViewOfItsFileThatOutlivesThePurge() throws IOException {
        SnapshotFiles files = SnapshotFiles.open(dir);
        byte[] state = new byte[3_000_000];
        for (int i = 0; i < state.length; i++) {
            state[i] = (byte) (i * 7 + (i >>> 12));
        }
        Snapshot saved = snap(2, 10).toBuilder().setData(ByteString.copyFrom(state)).build();
        files.save(saved);

        Snapshot loaded = files.load(2, 10);
        files.save(snap(3, 30));
        files.purge(1);

        assertThat(loaded.getData().asReadOnlyByteBuffer().isDirect()).as("mapped, not copied onto the heap").isTrue();
        assertThat(loaded.equals(saved)).as("the same snapshot, read after its file was deleted").isTrue();
    }

    @Test
    void dataStreamedInPiecesLoadsAsTheSnapshotSavedWhole() throws IOException {
        SnapshotFiles files = SnapshotFiles.open(dir);
        Snapshot whole = snap(4, 40);
        SnapshotFiles.Data inPieces = out -> {
            for (byte b : whole.getData().toByteArray()) {
                out.write(b);
            }
        };

        Path streamed = files.prepare(whole.getMetadata(), inPieces).publish();

        assertThat(files.load(4, 40)).isEqualTo(whole);
        Path fromMemory = SnapshotFiles.open(dir.resolve("from-memory")).save(whole);
        assertThat(streamed).as("the same bytes as the snapshot saved whole")
                .hasBinaryContent(Files.readAllBytes(fromMemory));
    }

    @Test
    void dataWithALengthItReservedAndNeverFilledInIsNotPublished() throws IOException {
        SnapshotFiles files = SnapshotFiles.open(dir);
        Snapshot whole = snap(4, 40);
        SnapshotFiles.Data unfinished = out -> {
            out.reserveLength();
            whole.getData().writeTo(out);
        };

        assertThatThrownBy(() -> files.prepare(whole.getMetadata(), unfinished))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never filled in");
        assertThat(SnapshotFiles.open(dir).loadNewest()).isEmpty();
    }

    @Test
    void openCreatesTheDirectoryAndRemovesInterruptedSaves() throws IOException {
        Path nested = dir.resolve("member/snap");
        SnapshotFiles.open(nested, false).save(snap(1, 5));
        Path leftover = nested.resolve("0000000000000001-0000000000000009.snap.tmp");
        Files.write(leftover, new byte[] {1, 2});

        assertThat(SnapshotFiles.open(nested, false).loadNewest()).contains(snap(1, 5));
        assertThat(leftover).doesNotExist();
    }

    @FunctionalInterface
    interface Damage {
        void apply(Path file) throws IOException;
    }

    static Stream<Arguments> damagedNewest() {
        return Stream.of(
                Arguments.of("a data byte flipped", "fails its CRC32C check",
                        (Damage) file -> flipByte(file, Files.size(file) - 2)),
                Arguments.of("the CRC flipped", "fails its CRC32C check", (Damage) file -> flipByte(file, 1)),
                Arguments.of("cut to two bytes", "is 2 bytes long, too short to hold its CRC32C",
                        (Damage) file -> truncate(file, 2)),
                Arguments.of("cut short", "fails its CRC32C check",
                        (Damage) file -> truncate(file, Files.size(file) - 1)),
                Arguments.of("another snapshot's contents", "holds the snapshot at term 4 index 40, not the one its"
                        + " name says", (Damage) file -> Files.copy(
                                file.resolveSibling("0000000000000004-0000000000000028.snap"), file,
                                StandardCopyOption.REPLACE_EXISTING)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedNewest")
    void aDamagedNewestSnapshotFailsWithoutFallingBack(String scenario, String problem, Damage damage)
            throws IOException {
        SnapshotFiles files = SnapshotFiles.open(dir, false);
        files.save(snap(4, 40));
        Path newest = files.save(snap(5, 50));
        damage.apply(newest);

        SnapshotCorruptedException e = catchThrowableOfType(SnapshotCorruptedException.class, files::loadNewest);

        assertThat(e.file()).isEqualTo(newest);
        assertThat(e).hasMessageStartingWith("Snapshot file " + newest + " " + problem)
                .hasMessageContaining("refusing to load it or fall back to an older snapshot");
    }

    @Test
    void purgeKeepsTheNewest() throws IOException {
        SnapshotFiles files = SnapshotFiles.open(dir, false);
        Path oldest = files.save(snap(1, 10));
        Path older = files.save(snap(1, 20));
        Path newer = files.save(snap(2, 30));
        Path newest = files.save(snap(2, 40));

        assertThat(files.purge(2)).containsExactly(older, oldest);
        assertThat(files.purge(2)).isEmpty();
        assertThat(files.purge(5)).isEmpty();

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactlyInAnyOrder(newer, newest);
        }
        assertThat(files.loadNewest()).contains(snap(2, 40));
        assertThatThrownBy(() -> files.purge(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keep at least the newest");
    }

    @Test
    void aSnapshotAtIndexZeroIsRejected() throws IOException {
        SnapshotFiles files = SnapshotFiles.open(dir, false);
        assertThatThrownBy(() -> files.save(Snapshot.getDefaultInstance()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index of at least 1");
    }
}
