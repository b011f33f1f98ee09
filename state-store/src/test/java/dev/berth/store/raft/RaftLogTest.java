package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.entries;
import static dev.berth.store.raft.Fixtures.entry;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.Snapshot;
import dev.berth.store.raft.pb.SnapshotMetadata;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The log as the core sees it: stable storage plus the unstable tail, with commit and apply positions. */
class RaftLogTest {

    private static RaftLog log(long... terms) {
        return new RaftLog(Fixtures.storage(voters(1), terms));
    }

    /** A log compacted into a snapshot at (10, term 3), then entries 11..15 of terms 3, 3, 4, 4, 4. */
    private static RaftLog compactedLog() {
        MemoryStorage storage = new MemoryStorage();
        storage.applySnapshot(Snapshot.newBuilder()
                .setMetadata(SnapshotMetadata.newBuilder().setIndex(10).setTerm(3)).build());
        storage.append(List.of(entry(11, 3), entry(12, 3), entry(13, 4), entry(14, 4), entry(15, 4)));
        return new RaftLog(storage);
    }

    @ParameterizedTest(name = "log [2,2,5,5,5]: at or below {0} with term <= {1} -> {2}")
    @CsvSource({"100, 2, 100", "5, 6, 5", "5, 5, 5", "5, 4, 2", "5, 2, 2", "5, 1, 0", "1, 2, 1", "1, 1, 0",
            "0, 0, 0"})
    void findConflictByTerm(long index, long term, long expected) {
        assertThat(log(2, 2, 5, 5, 5).findConflictByTerm(index, term)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "compacted log: at or below {0} with term <= {1} -> {2}")
    @CsvSource({"30, 3, 30", "14, 9, 14", "14, 4, 14", "14, 3, 12", "14, 2, 9", "11, 5, 11", "10, 5, 10",
            "10, 3, 10", "10, 2, 9", "9, 2, 9", "4, 2, 4", "0, 0, 0"})
    void findConflictByTermStopsAtTheCompactedPrefix(long index, long term, long expected) {
        assertThat(compactedLog().findConflictByTerm(index, term)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "log ending (3, term 3) vs candidate ({0}, term {1}) -> {2}")
    @CsvSource({"2, 4, true", "3, 4, true", "4, 4, true", "2, 2, false", "3, 2, false", "4, 2, false",
            "2, 3, false", "3, 3, true", "4, 3, true"})
    void isUpToDateComparesLastTermThenLength(long lastIndex, long lastTerm, boolean upToDate) {
        assertThat(log(1, 2, 3).isUpToDate(lastIndex, lastTerm)).isEqualTo(upToDate);
    }

    /** Commit by counting: only to an index whose entry has the given (current) term. */
    @ParameterizedTest(name = "log [1,1,2]: maybeCommit({0}, term {1}) -> {2}, committed {3}")
    @CsvSource({"3, 2, true, 3", "3, 1, false, 0", "2, 1, true, 2", "4, 2, false, 0", "0, 0, false, 0"})
    void maybeCommitOnlyAtAnEntryOfTheGivenTerm(long index, long term, boolean committed, long commit) {
        RaftLog log = log(1, 1, 2);

        assertThat(log.maybeCommit(index, term)).isEqualTo(committed);
        assertThat(log.committed()).isEqualTo(commit);
    }

    @Test
    void committedEntriesAreNeverOverwritten() {
        RaftLog log = log(1, 1, 1);
        log.commitTo(2);

        assertThatThrownBy(() -> log.maybeAppend(1, 1, 3, List.of(entry(2, 2))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.append(List.of(entry(2, 2)))).isInstanceOf(IllegalStateException.class);
        assertThat(log.term(2)).isEqualTo(1);
    }

    @Test
    void commitAndApplyStayWithinTheLog() {
        RaftLog log = log(1, 1);

        assertThatThrownBy(() -> log.commitTo(3)).isInstanceOf(IllegalStateException.class);
        log.commitTo(1);
        log.commitTo(0);
        assertThat(log.committed()).as("commit never goes back").isEqualTo(1);
        assertThatThrownBy(() -> log.appliedTo(2)).isInstanceOf(IllegalStateException.class);
        log.appliedTo(1);
        assertThat(log.applied()).isEqualTo(1);
    }

    @Test
    void unstableTailIsReadTogetherWithTheStablePart() {
        RaftLog log = log(1, 1);
        log.append(List.of(entry(3, 2), entry(4, 2)));

        assertThat(log.lastIndex()).isEqualTo(4);
        assertThat(log.term(3)).isEqualTo(2);
        assertThat(log.slice(1, 5, Long.MAX_VALUE)).extracting(Entry::getIndex).containsExactly(1L, 2L, 3L, 4L);
        assertThat(log.unstableEntries()).extracting(Entry::getIndex).containsExactly(3L, 4L);

        log.append(List.of(entry(2, 3)));
        assertThat(log.lastIndex()).as("a conflicting stored suffix is replaced").isEqualTo(2);
        assertThat(log.term(2)).isEqualTo(3);
        assertThat(log.slice(1, 3, Long.MAX_VALUE)).extracting(Entry::getTerm).containsExactly(1L, 3L);
    }

    @ParameterizedTest(name = "term({0})")
    @MethodSource("termLookups")
    void termOutsideTheLog(long index, StorageException.Reason reason) {
        RaftLog log = compactedLog();

        assertThatThrownBy(() -> log.term(index)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
        assertThat(log.termOrZero(index)).isZero();
    }

    static Stream<Arguments> termLookups() {
        return Stream.of(
                arguments(9L, StorageException.Reason.COMPACTED),
                arguments(16L, StorageException.Reason.UNAVAILABLE));
    }

    @Test
    void committedEntriesAreHandedOutWithinTheByteLimit() {
        RaftLog log = new RaftLog(Fixtures.storage(voters(1), 1, 1, 1));
        log.commitTo(3);
        long oneEntry = entries(1).get(0).getSerializedSize();

        assertThat(log.nextCommittedEntries(oneEntry)).extracting(Entry::getIndex).containsExactly(1L);
        log.appliedTo(1);
        assertThat(log.nextCommittedEntries(Long.MAX_VALUE)).extracting(Entry::getIndex).containsExactly(2L, 3L);
        log.appliedTo(3);
        assertThat(log.hasNextCommittedEntries()).isFalse();
    }
}
