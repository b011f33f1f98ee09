package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.config;
import static dev.berth.store.raft.Fixtures.hardState;
import static dev.berth.store.raft.Fixtures.message;
import static dev.berth.store.raft.Fixtures.storage;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.store.raft.pb.MessageType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raft §5.4.2 and Figure 8: a leader commits by counting replicas only for an entry of its own term.
 * An older-term entry stored on a majority can still be overwritten, so it is committed only
 * indirectly, together with a later current-term entry.
 */
class CommitRuleTest {

    /**
     * Five voters. Node 1 has log [term 1, term 2] with index 1 committed, and wins term 4 (as S1 in
     * Figure 8 (c)); its own empty entry lands at index 3. The followers acknowledge {@code acks}
     * (follower → matched index).
     */
    @ParameterizedTest(name = "acks {0} -> commit {1}")
    @MethodSource("acknowledgements")
    void onlyCurrentTermEntriesAreCommittedByCounting(Map<Long, Long> acks, long commit) {
        Replica leader = Replica.elected(config(1), storage(voters(1, 2, 3, 4, 5), hardState(3, 0, 1), 1, 2));
        assertThat(leader.status().term()).isEqualTo(4);
        assertThat(leader.logTerms()).containsExactly(1L, 2L, 4L);

        acks.forEach((from, index) -> leader.step(message(MessageType.MSG_APPEND_RESPONSE, from, 1, 4)
                .setIndex(index).build()));

        assertThat(leader.status().commit()).isEqualTo(commit);
    }

    static Stream<Arguments> acknowledgements() {
        return Stream.of(
                arguments(Map.of(), 1L),
                // Figure 8: the term-2 entry is on a majority (1, 2, 3) yet not committed.
                arguments(Map.of(2L, 2L, 3L, 2L), 1L),
                arguments(Map.of(2L, 2L, 3L, 2L, 4L, 2L, 5L, 2L), 1L),
                arguments(Map.of(2L, 3L), 1L),
                arguments(Map.of(2L, 2L, 3L, 2L, 4L, 3L), 1L),
                // A majority holds the term-4 entry: it commits, and index 2 with it.
                arguments(Map.of(2L, 3L, 3L, 3L), 3L),
                arguments(Map.of(2L, 2L, 3L, 3L, 4L, 3L), 3L));
    }
}
