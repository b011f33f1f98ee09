package dev.berth.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The key index answers as etcd's keyIndex does, on the history etcd's own tests use. */
class KeyIndexTest {

    private static final ByteString FOO = ByteString.copyFromUtf8("foo");

    /** put(2), put(4), tombstone(6), put(8), put(10), tombstone(12), put(14), put(14.1), put(16), tombstone(16.1) */
    private static KeyIndex etcdHistory() {
        KeyIndex index = KeyIndex.created(FOO, rev(2));
        index.put(rev(4));
        index.tombstone(rev(6));
        index.put(rev(8));
        index.put(rev(10));
        index.tombstone(rev(12));
        index.put(rev(14));
        index.put(new Revision(14, 1));
        index.put(rev(16));
        index.tombstone(new Revision(16, 1));
        return index;
    }

    static Stream<Arguments> reads() {
        return Stream.of(
                Arguments.of(1, null),
                Arguments.of(2, new KeyRevision(rev(2), rev(2), 1)),
                Arguments.of(3, new KeyRevision(rev(2), rev(2), 1)),
                Arguments.of(4, new KeyRevision(rev(4), rev(2), 2)),
                Arguments.of(5, new KeyRevision(rev(4), rev(2), 2)),
                Arguments.of(6, null),
                Arguments.of(7, null),
                Arguments.of(8, new KeyRevision(rev(8), rev(8), 1)),
                Arguments.of(11, new KeyRevision(rev(10), rev(8), 2)),
                Arguments.of(12, null),
                Arguments.of(13, null),
                Arguments.of(14, new KeyRevision(new Revision(14, 1), rev(14), 2)),
                Arguments.of(15, new KeyRevision(new Revision(14, 1), rev(14), 2)),
                Arguments.of(16, null),
                Arguments.of(17, null));
    }

    @ParameterizedTest(name = "at {0}")
    @MethodSource("reads")
    void getFindsTheRevisionLiveAtEachPointInHistory(long at, KeyRevision expected) {
        assertThat(etcdHistory().get(at)).isEqualTo(Optional.ofNullable(expected));
    }

    static Stream<Arguments> compactions() {
        return Stream.of(
                Arguments.of(1, List.of(), List.of("2", "4", "6t", "8", "10", "12t", "14", "14.1", "16", "16.1t")),
                Arguments.of(2, List.of(), List.of("2", "4", "6t", "8", "10", "12t", "14", "14.1", "16", "16.1t")),
                Arguments.of(3, List.of(), List.of("2", "4", "6t", "8", "10", "12t", "14", "14.1", "16", "16.1t")),
                Arguments.of(4, List.of("2"), List.of("4", "6t", "8", "10", "12t", "14", "14.1", "16", "16.1t")),
                Arguments.of(6, List.of("2", "4", "6"), List.of("8", "10", "12t", "14", "14.1", "16", "16.1t")),
                Arguments.of(9, List.of("2", "4", "6"), List.of("8", "10", "12t", "14", "14.1", "16", "16.1t")),
                Arguments.of(10, List.of("2", "4", "6", "8"), List.of("10", "12t", "14", "14.1", "16", "16.1t")),
                Arguments.of(12, List.of("2", "4", "6", "8", "10", "12"), List.of("14", "14.1", "16", "16.1t")),
                Arguments.of(15, List.of("2", "4", "6", "8", "10", "12", "14"), List.of("14.1", "16", "16.1t")),
                Arguments.of(16, List.of("2", "4", "6", "8", "10", "12", "14", "14.1", "16", "16.1"), List.of()));
    }

    @ParameterizedTest(name = "at {0}")
    @MethodSource("compactions")
    void compactKeepsTheNewestRevisionAtOrBelowAndDropsEndedGenerations(long at, List<String> removed,
            List<String> left) {
        KeyIndex index = etcdHistory();
        List<Revision> dropped = new ArrayList<>();
        index.compact(at, dropped);
        assertThat(dropped).extracting(KeyIndexTest::name).containsExactlyInAnyOrderElementsOf(removed);
        assertThat(revisions(index)).containsExactlyElementsOf(left);
        assertThat(index.isEmpty()).isEqualTo(left.isEmpty());
        assertThat(etcdHistory().keptBy(at)).isEqualTo(index.isEmpty() ? Optional.empty()
                : index.get(at).map(KeyRevision::modified));
    }

    @Test
    void compactionKeepsVersionsCountingFromTheCreation() {
        KeyIndex index = etcdHistory();
        index.compact(10, new ArrayList<>());
        assertThat(index.get(11)).contains(new KeyRevision(rev(10), rev(8), 2));
    }

    @Test
    void aRestoredKeyContinuesItsVersionCount() {
        KeyIndex index = KeyIndex.restored(FOO, rev(3), rev(7), 4);
        index.put(rev(9));
        assertThat(index.get(8)).contains(new KeyRevision(rev(7), rev(3), 4));
        assertThat(index.get(9)).contains(new KeyRevision(rev(9), rev(3), 5));
    }

    @Test
    void refusesToGoBackInHistoryOrDeleteADeletedKey() {
        KeyIndex index = KeyIndex.created(FOO, rev(5));
        assertThatThrownBy(() -> index.put(rev(5))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("put of key foo at revision 5.0 is not after its last modification 5.0");
        index.tombstone(rev(6));
        assertThatThrownBy(() -> index.tombstone(rev(7))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("delete of key foo at revision 7.0, which does not exist");
    }

    private static Revision rev(long main) {
        return new Revision(main, 0);
    }

    private static String name(Revision r) {
        return r.sub() == 0 ? Long.toString(r.main()) : r.toString();
    }

    private static List<String> revisions(KeyIndex index) {
        List<String> names = new ArrayList<>();
        index.forEachRevision((r, tombstone) -> names.add(name(r) + (tombstone ? "t" : "")));
        return names;
    }
}
