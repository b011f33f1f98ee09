package dev.berth.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.EntryType;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Entries serialized off the heap, in chunks of 64 bytes so that a few entries fill one: each table starts from
 * entries 10..19 (term = index / 5, data of index % 4 * 10 bytes), which span several chunks.
 */
class OffHeapEntriesTest {

    private static final int CHUNK_BYTES = 64;

    private static Entry entry(long index) {
        return Entry.newBuilder().setIndex(index).setTerm(index / 5).setType(EntryType.ENTRY_NORMAL)
                .setData(ByteString.copyFrom(new byte[(int) (index % 4 * 10)])).build();
    }

    private static OffHeapEntries entries(long first, long last) {
        OffHeapEntries entries = new OffHeapEntries(CHUNK_BYTES);
        for (long i = first; i <= last; i++) {
            entries.add(entry(i));
        }
        return entries;
    }

    /** Every entry held, read back, checked against what was added. */
    private static void assertHolds(OffHeapEntries entries, long first, long last) {
        assertThat(entries.size()).isEqualTo(last - first + 1);
        if (last < first) {
            assertThat(entries.isEmpty()).isTrue();
            return;
        }
        assertThat(entries.firstIndex()).isEqualTo(first);
        assertThat(entries.lastIndex()).isEqualTo(last);
        for (long i = first; i <= last; i++) {
            assertThat(entries.get(i)).isEqualTo(entry(i));
            assertThat(entries.term(i)).isEqualTo(i / 5);
            assertThat(entries.serializedSize(i)).isEqualTo(entry(i).getSerializedSize());
        }
    }

    @Test
    void entriesReadBackAsTheyWereAddedAcrossChunks() {
        assertHolds(entries(10, 19), 10, 19);
    }

    @Test
    void anEntryLargerThanAChunkGetsOneOfItsOwn() {
        OffHeapEntries entries = entries(10, 12);
        Entry large = Entry.newBuilder().setIndex(13).setTerm(2).setData(ByteString.copyFrom(new byte[500])).build();

        entries.add(large);
        entries.add(entry(14));

        assertThat(entries.get(13)).isEqualTo(large);
        assertThat(entries.get(14)).isEqualTo(entry(14));
        assertThat(entries.get(12)).isEqualTo(entry(12));
    }

    /** Compaction ({@code dropThrough}) keeps the entries after the index, truncation ({@code dropFrom}) those before. */
    @ParameterizedTest(name = "{0}({1})")
    @MethodSource("drops")
    void dropsKeepTheRest(String drop, long index, long first, long last) {
        OffHeapEntries entries = entries(10, 19);

        if (drop.equals("dropThrough")) {
            entries.dropThrough(index);
        } else {
            entries.dropFrom(index);
        }

        assertHolds(entries, first, last);
    }

    static Stream<Arguments> drops() {
        return Stream.of(
                arguments("dropThrough", 5L, 10L, 19L),
                arguments("dropThrough", 9L, 10L, 19L),
                arguments("dropThrough", 10L, 11L, 19L),
                arguments("dropThrough", 14L, 15L, 19L),
                arguments("dropThrough", 18L, 19L, 19L),
                arguments("dropThrough", 19L, 20L, 19L),
                arguments("dropThrough", 25L, 20L, 19L),
                arguments("dropFrom", 25L, 10L, 19L),
                arguments("dropFrom", 20L, 10L, 19L),
                arguments("dropFrom", 19L, 10L, 18L),
                arguments("dropFrom", 15L, 10L, 14L),
                arguments("dropFrom", 11L, 10L, 10L),
                arguments("dropFrom", 10L, 10L, 9L),
                arguments("dropFrom", 3L, 10L, 9L));
    }

    @Test
    void entriesAddedAfterATruncationReplaceTheDroppedOnes() {
        OffHeapEntries entries = entries(10, 19);
        entries.dropFrom(13);
        Entry replacement = Entry.newBuilder().setIndex(13).setTerm(7).build();

        entries.add(replacement);
        entries.add(Entry.newBuilder().setIndex(14).setTerm(7).build());

        assertThat(entries.lastIndex()).isEqualTo(14);
        assertThat(entries.get(13)).isEqualTo(replacement);
        assertThat(entries.term(14)).isEqualTo(7);
        assertThat(entries.get(12)).isEqualTo(entry(12));
    }

    @Test
    void compactionAfterATruncationInTheSameChunk() {
        OffHeapEntries entries = entries(10, 19);
        entries.dropThrough(11);
        entries.dropFrom(13);

        assertHolds(entries, 12, 12);
        entries.add(entry(13));
        assertHolds(entries, 12, 13);
    }

    @Test
    void emptiedChunksAreReused() {
        OffHeapEntries entries = entries(10, 19);
        assertThat(entries.spareChunks()).isZero();

        entries.dropThrough(17);
        int spare = entries.spareChunks();
        assertThat(spare).isPositive();
        LongStream.rangeClosed(20, 21).forEach(i -> entries.add(entry(i)));

        assertThat(entries.spareChunks()).isLessThan(spare);
        assertHolds(entries, 18, 21);
    }

    @Test
    void aClearedLogStartsAgainAtAnyIndex() {
        OffHeapEntries entries = entries(10, 19);

        entries.clear();
        entries.add(entry(40));

        assertHolds(entries, 40, 40);
    }

    @Test
    void entriesMustBeConsecutive() {
        OffHeapEntries entries = entries(10, 12);

        assertThatThrownBy(() -> entries.add(entry(14)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 14 cannot follow entry 12");
        assertThatThrownBy(() -> entries.add(entry(12)))
                .isInstanceOf(IllegalArgumentException.class);
        assertHolds(entries, 10, 12);
    }

    @Test
    void readingAnEntryNotHeldFails() {
        OffHeapEntries entries = entries(10, 12);

        for (long index : List.of(9L, 13L)) {
            assertThatThrownBy(() -> entries.get(index))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("entry " + index + " is not held off the heap (10 to 12 are)");
        }
        assertThatThrownBy(() -> new OffHeapEntries(CHUNK_BYTES).term(1))
                .hasMessageContaining("(none is)");
    }
}
