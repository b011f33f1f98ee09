package dev.berth.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.Snapshot;
import dev.berth.store.raft.pb.SnapshotMetadata;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Random histories of appends (overwriting the tail or not), compactions and snapshots: a storage that keeps only
 * its newest few entries as objects and the rest off the heap, in chunks small enough that entries straddle many,
 * answers bounds, terms and entry ranges after every step exactly as a plain list does.
 */
class MemoryStoragePropertyTest {

    /** One step; offsets are relative to the log's bounds when the step runs. */
    sealed interface Action {
    }

    /** Appends {@code count} entries of {@code term} from {@code lastIndex + 1 - back}. */
    record Append(int back, int count, long term, int dataBytes) implements Action {
    }

    /** Compacts at {@code firstIndex - 1 + forward}, which may lie past the last entry. */
    record Compact(int forward) implements Action {
    }

    /** Installs a snapshot at {@code lastIndex + ahead} (a follower catching up), dropping every entry. */
    record ApplySnapshot(int ahead) implements Action {
    }

    /** The reference: the entry before the first one held, then the entries. */
    private static final class PlainLog {
        long baseIndex;
        long baseTerm;
        final List<Entry> entries = new ArrayList<>();

        long lastIndex() {
            return baseIndex + entries.size();
        }

        long term(long index) {
            return index == baseIndex ? baseTerm : entries.get((int) (index - baseIndex - 1)).getTerm();
        }
    }

    @Property(tries = 300)
    void answersAsAPlainListDoes(@ForAll("histories") List<Action> history,
                                 @ForAll @IntRange(min = 0, max = 3) int recentEntries,
                                 @ForAll("chunkSizes") int chunkBytes) {
        MemoryStorage storage = new MemoryStorage(null, recentEntries, new OffHeapEntries(chunkBytes));
        PlainLog plain = new PlainLog();
        for (Action action : history) {
            apply(action, storage, plain);
            assertSame(storage, plain);
        }
    }

    private static void apply(Action action, MemoryStorage storage, PlainLog plain) {
        if (action instanceof Append a) {
            long from = Math.max(1, plain.lastIndex() + 1 - a.back());
            List<Entry> batch = new ArrayList<>();
            for (long i = from; i < from + a.count(); i++) {
                batch.add(Entry.newBuilder().setIndex(i).setTerm(a.term())
                        .setData(ByteString.copyFrom(new byte[a.dataBytes()])).build());
            }
            storage.append(batch);
            for (Entry e : batch) {
                if (e.getIndex() > plain.baseIndex) {
                    plain.entries.subList((int) (e.getIndex() - plain.baseIndex - 1), plain.entries.size()).clear();
                    plain.entries.add(e);
                }
            }
        } else if (action instanceof Compact c) {
            long index = plain.baseIndex + c.forward();
            if (index > plain.lastIndex()) {
                assertThatThrownBy(() -> storage.compact(index)).isInstanceOf(IllegalArgumentException.class);
                return;
            }
            storage.compact(index);
            if (index > plain.baseIndex) {
                long term = plain.term(index);
                plain.entries.subList(0, (int) (index - plain.baseIndex)).clear();
                plain.baseIndex = index;
                plain.baseTerm = term;
            }
        } else if (action instanceof ApplySnapshot s) {
            long index = plain.lastIndex() + s.ahead();
            storage.applySnapshot(Snapshot.newBuilder().setMetadata(SnapshotMetadata.newBuilder()
                    .setIndex(index).setTerm(99)).build());
            plain.entries.clear();
            plain.baseIndex = index;
            plain.baseTerm = 99;
        }
    }

    private static void assertSame(MemoryStorage storage, PlainLog plain) {
        assertThat(storage.firstIndex()).isEqualTo(plain.baseIndex + 1);
        assertThat(storage.lastIndex()).isEqualTo(plain.lastIndex());
        for (long i = plain.baseIndex; i <= plain.lastIndex(); i++) {
            assertThat(storage.term(i)).as("term(%d)", i).isEqualTo(plain.term(i));
        }
        if (plain.baseIndex > 0) {
            assertThatThrownBy(() -> storage.term(plain.baseIndex - 1)).isInstanceOf(StorageException.class);
        }
        assertThatThrownBy(() -> storage.term(plain.lastIndex() + 1)).isInstanceOf(StorageException.class);
        for (long lo = plain.baseIndex + 1; lo <= plain.lastIndex() + 1; lo++) {
            for (long hi = lo; hi <= plain.lastIndex() + 1; hi++) {
                for (long maxBytes : new long[] {0, 40, Long.MAX_VALUE}) {
                    List<Entry> expected = Entries.limitSize(plain.entries.subList(
                            (int) (lo - plain.baseIndex - 1), (int) (hi - plain.baseIndex - 1)), maxBytes);
                    assertThat(storage.entries(lo, hi, maxBytes)).as("entries(%d, %d, %d)", lo, hi, maxBytes)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Provide
    Arbitrary<Integer> chunkSizes() {
        return Arbitraries.of(48, 64, 200, 4096);
    }

    @Provide
    Arbitrary<List<Action>> histories() {
        Arbitrary<Action> append = Combinators.combine(Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 5), Arbitraries.longs().between(1, 9),
                        Arbitraries.integers().between(0, 60))
                .as(Append::new);
        Arbitrary<Action> compact = Arbitraries.integers().between(-1, 8).map(Compact::new);
        Arbitrary<Action> snapshot = Arbitraries.integers().between(0, 3).map(ApplySnapshot::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(8, append),
                        Tuple.of(2, compact),
                        Tuple.of(1, snapshot))
                .list().ofMaxSize(30);
    }
}
