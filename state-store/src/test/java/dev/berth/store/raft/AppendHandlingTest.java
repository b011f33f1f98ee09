package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.config;
import static dev.berth.store.raft.Fixtures.entry;
import static dev.berth.store.raft.Fixtures.hardState;
import static dev.berth.store.raft.Fixtures.message;
import static dev.berth.store.raft.Fixtures.storage;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A follower's side of AppendEntries (Raft §5.3) and the leader's probing after a rejection: the
 * consistency check, truncation of a conflicting suffix, commit up to the last new entry, and the reject
 * hint that lets the leader skip a whole term per round trip.
 */
class AppendHandlingTest {

    /**
     * Follower 2 at term 2 with log [(1, term 1), (2, term 2)] receives an append of term 2 after
     * (index, logTerm), carrying {@code entries} and the leader's commit.
     */
    @ParameterizedTest(name = "[{index}] after ({0}, term {1}), commit {2}, {3} -> last {4}, commit {5}, reject={6}")
    @MethodSource("appends")
    void consistencyCheckTruncationAndCommit(long index, long logTerm, long commit, List<Entry> entries,
            long lastIndex, long committed, boolean reject) {
        Replica follower = new Replica(config(2), storage(voters(1, 2), hardState(2, 0, 0), 1, 2));

        List<Message> out = follower.step(message(MessageType.MSG_APPEND, 1, 2, 2)
                .setIndex(index).setLogTerm(logTerm).setCommit(commit).addAllEntries(entries).build());

        assertThat(follower.status().lastIndex()).isEqualTo(lastIndex);
        assertThat(follower.status().commit()).isEqualTo(committed);
        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.getType()).isEqualTo(MessageType.MSG_APPEND_RESPONSE);
            assertThat(m.getTerm()).isEqualTo(2);
            assertThat(m.getReject()).isEqualTo(reject);
            assertThat(m.getIndex()).isEqualTo(reject ? index : index + entries.size());
        });
    }

    static Stream<Arguments> appends() {
        return Stream.of(
                // The previous entry must be there with the same term.
                arguments(2L, 3L, 3L, List.of(), 2L, 0L, true),
                arguments(3L, 3L, 3L, List.of(), 2L, 0L, true),
                // Conflicting entries are replaced, new ones appended.
                arguments(1L, 1L, 1L, List.of(), 2L, 1L, false),
                arguments(0L, 0L, 1L, List.of(entry(1, 2)), 1L, 1L, false),
                arguments(2L, 2L, 3L, List.of(entry(3, 2), entry(4, 2)), 4L, 3L, false),
                arguments(2L, 2L, 4L, List.of(entry(3, 2)), 3L, 3L, false),
                arguments(1L, 1L, 4L, List.of(entry(2, 2)), 2L, 2L, false),
                // Commit moves to min(leader's commit, last new entry): never past what this append vouches for.
                arguments(1L, 1L, 3L, List.of(), 2L, 1L, false),
                arguments(1L, 1L, 3L, List.of(entry(2, 2)), 2L, 2L, false),
                arguments(2L, 2L, 3L, List.of(), 2L, 2L, false),
                arguments(2L, 2L, 4L, List.of(), 2L, 2L, false));
    }

    /** Follower at term 2 with log [1, 2]; what its whole log and its unstable (to-persist) part become. */
    @ParameterizedTest(name = "[{index}] after ({0}, term {1}) append {2} -> log terms {3}")
    @MethodSource("truncations")
    void conflictingSuffixIsReplacedAndOnlyTheNewPartPersisted(long index, long logTerm, List<Entry> entries,
            List<Long> logTerms, List<Entry> toPersist) {
        Replica follower = new Replica(config(2), storage(voters(1, 2), hardState(2, 0, 0), 1, 2));

        follower.raft.step(message(MessageType.MSG_APPEND, 1, 2, 4)
                .setIndex(index).setLogTerm(logTerm).addAllEntries(entries).build());
        Ready rd = follower.raft.ready();

        assertThat(rd.entries()).isEqualTo(toPersist);
        assertThat(follower.logTerms()).isEqualTo(logTerms);
        follower.raft.advance(rd);
        assertThat(follower.logTerms()).as("after persisting").isEqualTo(logTerms);
    }

    static Stream<Arguments> truncations() {
        return Stream.of(
                arguments(2L, 2L, List.of(entry(3, 3)), List.of(1L, 2L, 3L), List.of(entry(3, 3))),
                arguments(1L, 1L, List.of(entry(2, 3), entry(3, 4)), List.of(1L, 3L, 4L),
                        List.of(entry(2, 3), entry(3, 4))),
                arguments(0L, 0L, List.of(entry(1, 1)), List.of(1L, 2L), List.of()),
                arguments(0L, 0L, List.of(entry(1, 3)), List.of(3L), List.of(entry(1, 3))));
    }

    @Test
    void appendBelowTheCommitIndexIsAnsweredWithTheCommitIndex() {
        Replica follower = new Replica(config(2), storage(voters(1, 2), hardState(2, 0, 2), 1, 2));

        List<Message> out = follower.step(message(MessageType.MSG_APPEND, 1, 2, 2)
                .setIndex(1).setLogTerm(1).addEntries(entry(2, 2)).build());

        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.getReject()).isFalse();
            assertThat(m.getIndex()).isEqualTo(2);
        });
    }

    /**
     * The leader (node 1, freshly elected over {@code leaderLog}) probes follower 2 (holding
     * {@code followerLog}) after its last entry; the follower rejects with a hint (an index whose term is at
     * most the probe's term) and the leader's next probe skips straight to where the logs can agree.
     */
    @ParameterizedTest(name = "[{index}] leader {0}, follower {1}")
    @MethodSource("fastRejections")
    void rejectHintLetsTheLeaderSkipWholeTerms(long[] leaderLog, long[] followerLog, long hintTerm,
            long hintIndex, long nextProbeTerm, long nextProbeIndex) {
        Replica leader = new Replica(config(1), storage(voters(1, 2), leaderLog));
        Replica follower = new Replica(config(2), storage(voters(1, 2), followerLog));
        leader.raft.campaign();
        Message probe = single(leader.step(message(MessageType.MSG_VOTE_RESPONSE, 2, 1, 1).build()),
                MessageType.MSG_APPEND);
        assertThat(probe.getIndex()).isEqualTo(leaderLog.length);
        assertThat(probe.getLogTerm()).isEqualTo(leaderLog[leaderLog.length - 1]);

        Message rejection = single(follower.step(probe), MessageType.MSG_APPEND_RESPONSE);
        assertThat(rejection.getReject()).isTrue();
        assertThat(rejection.getRejectHint()).isEqualTo(hintIndex);
        assertThat(rejection.getLogTerm()).isEqualTo(hintTerm);

        Message next = single(leader.step(rejection), MessageType.MSG_APPEND);
        assertThat(next.getIndex()).isEqualTo(nextProbeIndex);
        assertThat(next.getLogTerm()).isEqualTo(nextProbeTerm);
    }

    static Stream<Arguments> fastRejections() {
        return Stream.of(
                arguments(terms(1, 2, 2, 4, 4, 4, 4), terms(1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3), 3L, 7L, 2L, 3L),
                arguments(terms(1, 2, 2, 3, 4, 4, 4, 5), terms(1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3), 3L, 8L, 3L, 4L),
                arguments(terms(1, 1, 1, 1), terms(1, 2, 2, 4), 1L, 1L, 1L, 1L),
                arguments(terms(1, 1, 1, 1, 1, 1), terms(1, 2, 2, 4), 1L, 1L, 1L, 1L),
                arguments(terms(1, 1, 1, 1), terms(1, 2, 2, 4, 4, 4), 1L, 1L, 1L, 1L),
                arguments(terms(1, 1, 1, 4, 5), terms(1, 1, 1, 4), 4L, 4L, 4L, 4L),
                arguments(terms(2, 5, 5, 5, 5, 5, 5, 5, 5), terms(2, 4, 4, 4, 4, 4), 4L, 6L, 2L, 1L),
                arguments(terms(2, 2, 2, 2, 2), terms(2, 4, 4, 4, 4, 4, 4, 4), 2L, 1L, 2L, 1L));
    }

    private static long[] terms(long... terms) {
        return terms;
    }

    private static Message single(List<Message> messages, MessageType type) {
        return messages.stream().filter(m -> m.getType() == type).reduce((a, b) -> {
            throw new AssertionError("more than one " + type + " in " + messages);
        }).orElseThrow(() -> new AssertionError("no " + type + " in " + messages));
    }
}
