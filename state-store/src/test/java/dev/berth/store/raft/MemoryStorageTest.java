package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.bytes;
import static dev.berth.store.raft.Fixtures.entry;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.Snapshot;
import dev.berth.store.raft.pb.SnapshotMetadata;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-memory stable log. Every table starts from a storage that holds a snapshot at (3, term 3) and
 * entries (4, 4) and (5, 5): index 3 survives only as the dummy slot answering {@code term(3)}.
 */
class MemoryStorageTest {

    private static MemoryStorage storage() {
        MemoryStorage storage = new MemoryStorage();
        storage.applySnapshot(snapshot(3, 3));
        storage.append(List.of(entry(4, 4), entry(5, 5)));
        return storage;
    }

    private static Snapshot snapshot(long index, long term) {
        return Snapshot.newBuilder()
                .setMetadata(SnapshotMetadata.newBuilder().setIndex(index).setTerm(term).setConfState(voters(1, 2)))
                .build();
    }

    /** The terms of indexes firstIndex-1 .. lastIndex, the dummy first. */
    private static List<Long> terms(MemoryStorage storage) {
        List<Long> terms = new ArrayList<>();
        for (long i = storage.firstIndex() - 1; i <= storage.lastIndex(); i++) {
            terms.add(storage.term(i));
        }
        return terms;
    }

    @Test
    void boundsOfTheLog() {
        MemoryStorage storage = storage();

        assertThat(storage.firstIndex()).isEqualTo(4);
        assertThat(storage.lastIndex()).isEqualTo(5);
        assertThat(storage.snapshot().getMetadata().getIndex()).isEqualTo(3);
        assertThat(storage.confState()).isEqualTo(voters(1, 2));
    }

    @ParameterizedTest(name = "term({0})")
    @MethodSource("termLookups")
    void term(long index, long term, StorageException.Reason error) {
        MemoryStorage storage = storage();

        if (error != null) {
            assertThatThrownBy(() -> storage.term(index)).isInstanceOfSatisfying(StorageException.class,
                    e -> assertThat(e.reason()).isEqualTo(error));
        } else {
            assertThat(storage.term(index)).isEqualTo(term);
        }
    }

    static Stream<Arguments> termLookups() {
        return Stream.of(
                arguments(2L, 0L, StorageException.Reason.COMPACTED),
                arguments(3L, 3L, null),
                arguments(4L, 4L, null),
                arguments(5L, 5L, null),
                arguments(6L, 0L, StorageException.Reason.UNAVAILABLE));
    }

    @ParameterizedTest(name = "entries({0}, {1}, {2} bytes)")
    @MethodSource("entryRanges")
    void entries(long lo, long hi, long maxBytes, List<Long> indexes, StorageException.Reason error) {
        MemoryStorage storage = storage();
        storage.append(List.of(entry(6, 6)));

        if (error != null) {
            assertThatThrownBy(() -> storage.entries(lo, hi, maxBytes)).isInstanceOfSatisfying(
                    StorageException.class, e -> assertThat(e.reason()).isEqualTo(error));
        } else {
            assertThat(storage.entries(lo, hi, maxBytes)).extracting(Entry::getIndex).isEqualTo(indexes);
        }
    }

    static Stream<Arguments> entryRanges() {
        long size = entry(4, 4).getSerializedSize();
        long all = Long.MAX_VALUE;
        return Stream.of(
                arguments(2L, 6L, all, List.of(), StorageException.Reason.COMPACTED),
                arguments(3L, 4L, all, List.of(), StorageException.Reason.COMPACTED),
                arguments(4L, 5L, all, List.of(4L), null),
                arguments(4L, 6L, all, List.of(4L, 5L), null),
                arguments(4L, 7L, all, List.of(4L, 5L, 6L), null),
                arguments(4L, 8L, all, List.of(), StorageException.Reason.UNAVAILABLE),
                // At least one entry, whatever the limit; then only whole entries that fit.
                arguments(4L, 7L, 0L, List.of(4L), null),
                arguments(4L, 7L, 2 * size, List.of(4L, 5L), null),
                arguments(4L, 7L, 2 * size + size / 2, List.of(4L, 5L), null),
                arguments(4L, 7L, 3 * size - 1, List.of(4L, 5L), null),
                arguments(4L, 7L, 3 * size, List.of(4L, 5L, 6L), null));
    }

    /** Appending overwrites from the first new index on; already compacted entries are skipped. */
    @ParameterizedTest(name = "append {0}")
    @MethodSource("appends")
    void append(List<Entry> entries, List<Long> terms) {
        MemoryStorage storage = storage();

        storage.append(entries);

        assertThat(terms(storage)).isEqualTo(terms);
        assertThat(storage.firstIndex()).isEqualTo(4);
    }

    static Stream<Arguments> appends() {
        return Stream.of(
                arguments(List.of(), List.of(3L, 4L, 5L)),
                arguments(List.of(entry(1, 1), entry(2, 2)), List.of(3L, 4L, 5L)),
                arguments(List.of(entry(3, 3), entry(4, 4), entry(5, 5)), List.of(3L, 4L, 5L)),
                arguments(List.of(entry(3, 3), entry(4, 6), entry(5, 6)), List.of(3L, 6L, 6L)),
                arguments(List.of(entry(3, 3), entry(4, 4), entry(5, 5), entry(6, 5)), List.of(3L, 4L, 5L, 5L)),
                arguments(List.of(entry(2, 3), entry(3, 3), entry(4, 5)), List.of(3L, 5L)),
                arguments(List.of(entry(4, 5)), List.of(3L, 5L)),
                arguments(List.of(entry(6, 5)), List.of(3L, 4L, 5L, 5L)));
    }

    @Test
    void appendLeavingAGapFails() {
        MemoryStorage storage = storage();

        assertThatThrownBy(() -> storage.append(List.of(entry(7, 5)))).isInstanceOf(IllegalStateException.class);
        assertThat(storage.lastIndex()).isEqualTo(5);
    }

    /** Compacting keeps the compact index as the dummy; at or below the current dummy it does nothing. */
    @ParameterizedTest(name = "compact({0})")
    @MethodSource("compactions")
    void compact(long index, long firstIndex, List<Long> terms) {
        MemoryStorage storage = storage();

        storage.compact(index);

        assertThat(storage.firstIndex()).isEqualTo(firstIndex);
        assertThat(storage.lastIndex()).isEqualTo(5);
        assertThat(terms(storage)).isEqualTo(terms);
    }

    static Stream<Arguments> compactions() {
        return Stream.of(
                arguments(2L, 4L, List.of(3L, 4L, 5L)),
                arguments(3L, 4L, List.of(3L, 4L, 5L)),
                arguments(4L, 5L, List.of(4L, 5L)),
                arguments(5L, 6L, List.of(5L)));
    }

    @Test
    void compactingPastTheLastEntryFails() {
        assertThatThrownBy(() -> storage().compact(6)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "createSnapshot({0})")
    @ValueSource(longs = {4, 5})
    void createSnapshotTakesTheTermOfItsIndex(long index) {
        MemoryStorage storage = storage();

        Snapshot s = storage.createSnapshot(index, voters(1, 2, 3), bytes("data"));

        assertThat(s.getMetadata().getIndex()).isEqualTo(index);
        assertThat(s.getMetadata().getTerm()).isEqualTo(index);
        assertThat(s.getMetadata().getConfState()).isEqualTo(voters(1, 2, 3));
        assertThat(s.getData().toStringUtf8()).isEqualTo("data");
        assertThat(storage.snapshot()).isEqualTo(s);
        assertThat(storage.firstIndex()).as("creating a snapshot does not compact").isEqualTo(4);
    }

    /** With a source, the storage keeps a snapshot's metadata only and reads the data back when asked. */
    @Test
    void snapshotsOfAStorageWithASourceAreReadBackFromIt() {
        Map<Long, ByteString> files = new HashMap<>();
        MemoryStorage storage = MemoryStorage.readingSnapshotsFrom(metadata -> {
            ByteString data = files.get(metadata.getIndex());
            if (data == null) {
                throw new NoSuchFileException("snapshot " + metadata.getIndex());
            }
            return data;
        });
        storage.append(Fixtures.entries(1, 2, 3));

        Snapshot created = storage.createSnapshot(2, voters(1), bytes("state at 2"));
        assertThat(created.getData().toStringUtf8()).as("the caller gets the whole snapshot").isEqualTo("state at 2");
        assertThat(storage.snapshotMetadata()).isEqualTo(created.getMetadata());
        assertThatThrownBy(storage::snapshot).as("not saved to the source")
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.reason()).isEqualTo(StorageException.Reason.SNAPSHOT_TEMPORARILY_UNAVAILABLE);
                    assertThat(e).hasMessageContaining("index 2").hasMessageContaining("snapshot 2");
                });

        files.put(2L, bytes("state at 2, saved"));
        assertThat(storage.snapshot().getData().toStringUtf8()).isEqualTo("state at 2, saved");
        assertThat(storage.snapshot().getMetadata()).isEqualTo(created.getMetadata());

        files.put(8L, bytes("state at 8, saved"));
        storage.applySnapshot(snapshot(8, 6));
        assertThat(storage.snapshot().getData().toStringUtf8()).isEqualTo("state at 8, saved");
        assertThat(storage.confState()).isEqualTo(snapshot(8, 6).getMetadata().getConfState());
    }

    @Test
    void aSnapshotReadBackFromTheSourceIsReadOnceUntilTheNextOne() {
        List<Long> loads = new ArrayList<>();
        MemoryStorage storage = MemoryStorage.readingSnapshotsFrom(metadata -> {
            loads.add(metadata.getIndex());
            return bytes("state at " + metadata.getIndex());
        });
        storage.append(Fixtures.entries(1, 2, 3));
        storage.createSnapshot(2, voters(1), bytes("state at 2"));

        storage.snapshot();
        assertThat(storage.snapshot().getData().toStringUtf8()).isEqualTo("state at 2");
        storage.createSnapshot(3, voters(1), bytes("state at 3"));
        assertThat(storage.snapshot().getData().toStringUtf8()).isEqualTo("state at 3");
        storage.applySnapshot(snapshot(8, 6));
        storage.snapshot();
        storage.snapshot();

        assertThat(loads).containsExactly(2L, 3L, 8L);
    }

    @Test
    void createSnapshotRefusesStaleAndUnwrittenIndexes() {
        MemoryStorage storage = storage();

        assertThatThrownBy(() -> storage.createSnapshot(3, voters(1), bytes("")))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.SNAPSHOT_OUT_OF_DATE));
        assertThatThrownBy(() -> storage.createSnapshot(6, voters(1), bytes("")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applySnapshotReplacesTheLogAndRefusesAnOlderOne() {
        MemoryStorage storage = storage();

        storage.applySnapshot(snapshot(8, 6));

        assertThat(storage.firstIndex()).isEqualTo(9);
        assertThat(storage.lastIndex()).isEqualTo(8);
        assertThat(storage.term(8)).isEqualTo(6);
        assertThatThrownBy(() -> storage.applySnapshot(snapshot(7, 6)))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.SNAPSHOT_OUT_OF_DATE));
        assertThat(storage.snapshot().getMetadata().getIndex()).isEqualTo(8);
    }

    @Test
    void emptyStorageForANewNode() {
        MemoryStorage storage = MemoryStorage.withConfState(voters(1, 2, 3));

        assertThat(storage.firstIndex()).isEqualTo(1);
        assertThat(storage.lastIndex()).isZero();
        assertThat(storage.term(0)).isZero();
        assertThat(storage.confState()).isEqualTo(voters(1, 2, 3));
        assertThat(storage.snapshot().getMetadata().getIndex()).isZero();
    }
}
