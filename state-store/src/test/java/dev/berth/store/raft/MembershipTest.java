package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.conf;
import static dev.berth.store.raft.Fixtures.confChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.store.raft.Membership.VoteResult;
import dev.berth.store.raft.pb.ConfChangeType;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Quorum arithmetic over one configuration: only voters count, learners never do. */
class MembershipTest {

    private static Membership of(Set<Long> voters, Set<Long> learners) {
        return new Membership(voters, learners);
    }

    @ParameterizedTest(name = "voters {0}, learners {1}, matches {2} -> {3}")
    @MethodSource("commitIndexes")
    void committedIndexIsTheHighestIndexAQuorumOfVotersHas(Set<Long> voters, Set<Long> learners,
            Map<Long, Long> matches, long expected) {
        assertThat(of(voters, learners).committedIndex(id -> matches.getOrDefault(id, 0L))).isEqualTo(expected);
    }

    static Stream<Arguments> commitIndexes() {
        return Stream.of(
                arguments(Set.of(1L), Set.of(), Map.of(1L, 5L), 5L),
                arguments(Set.of(1L, 2L), Set.of(), Map.of(1L, 5L, 2L, 3L), 3L),
                arguments(Set.of(1L, 2L, 3L), Set.of(), Map.of(1L, 5L, 2L, 3L, 3L, 1L), 3L),
                arguments(Set.of(1L, 2L, 3L), Set.of(), Map.of(1L, 5L, 2L, 5L, 3L, 1L), 5L),
                arguments(Set.of(1L, 2L, 3L), Set.of(), Map.of(1L, 5L), 0L),
                arguments(Set.of(1L, 2L, 3L, 4L), Set.of(), Map.of(1L, 5L, 2L, 4L, 3L, 3L, 4L, 2L), 3L),
                arguments(Set.of(1L, 2L, 3L, 4L, 5L), Set.of(), Map.of(1L, 5L, 2L, 4L, 3L, 3L, 4L, 2L, 5L, 1L), 3L),
                // Learners are not counted, however far ahead.
                arguments(Set.of(1L, 2L, 3L), Set.of(4L, 5L), Map.of(1L, 5L, 4L, 9L, 5L, 9L), 0L),
                arguments(Set.of(1L), Set.of(2L), Map.of(1L, 2L, 2L, 9L), 2L),
                arguments(Set.of(), Set.of(), Map.of(), Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "voters {0}, learners {1}, votes {2} -> {3}")
    @MethodSource("votes")
    void voteResultCountsOnlyVoters(Set<Long> voters, Set<Long> learners, Map<Long, Boolean> votes,
            VoteResult expected) {
        assertThat(of(voters, learners).voteResult(votes)).isEqualTo(expected);
    }

    static Stream<Arguments> votes() {
        Set<Long> three = Set.of(1L, 2L, 3L);
        Set<Long> four = Set.of(1L, 2L, 3L, 4L);
        return Stream.of(
                arguments(Set.of(1L), Set.of(), Map.of(1L, true), VoteResult.WON),
                arguments(Set.of(1L), Set.of(), Map.of(1L, false), VoteResult.LOST),
                arguments(three, Set.of(), Map.of(), VoteResult.PENDING),
                arguments(three, Set.of(), Map.of(1L, true), VoteResult.PENDING),
                arguments(three, Set.of(), Map.of(1L, true, 2L, true), VoteResult.WON),
                arguments(three, Set.of(), Map.of(1L, true, 2L, false), VoteResult.PENDING),
                arguments(three, Set.of(), Map.of(1L, true, 2L, false, 3L, false), VoteResult.LOST),
                arguments(three, Set.of(), Map.of(2L, false, 3L, false), VoteResult.LOST),
                arguments(four, Set.of(), Map.of(1L, true, 2L, true), VoteResult.PENDING),
                arguments(four, Set.of(), Map.of(1L, true, 2L, true, 3L, false), VoteResult.PENDING),
                arguments(four, Set.of(), Map.of(1L, true, 2L, true, 3L, false, 4L, false), VoteResult.LOST),
                arguments(four, Set.of(), Map.of(1L, true, 2L, true, 3L, true), VoteResult.WON),
                arguments(three, Set.of(4L, 5L), Map.of(1L, true, 4L, true, 5L, true), VoteResult.PENDING),
                arguments(three, Set.of(), Map.of(1L, true, 9L, true), VoteResult.PENDING));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("changes")
    void applyingAChange(ConfChangeType type, long node, Set<Long> voters, Set<Long> learners) {
        Membership before = of(Set.of(1L, 2L), Set.of(3L));

        Membership after = before.apply(confChange(type, node));

        assertThat(after.voters()).isEqualTo(voters);
        assertThat(after.learners()).isEqualTo(learners);
        assertThat(before.voters()).as("immutable").isEqualTo(Set.of(1L, 2L));
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                arguments(ConfChangeType.CONF_ADD_VOTER, 4L, Set.of(1L, 2L, 4L), Set.of(3L)),
                arguments(ConfChangeType.CONF_ADD_VOTER, 3L, Set.of(1L, 2L, 3L), Set.of()),
                arguments(ConfChangeType.CONF_ADD_VOTER, 2L, Set.of(1L, 2L), Set.of(3L)),
                arguments(ConfChangeType.CONF_ADD_LEARNER, 4L, Set.of(1L, 2L), Set.of(3L, 4L)),
                arguments(ConfChangeType.CONF_ADD_LEARNER, 2L, Set.of(1L, 2L), Set.of(3L)),
                arguments(ConfChangeType.CONF_REMOVE_NODE, 2L, Set.of(1L), Set.of(3L)),
                arguments(ConfChangeType.CONF_REMOVE_NODE, 3L, Set.of(1L, 2L), Set.of()),
                arguments(ConfChangeType.CONF_REMOVE_NODE, 9L, Set.of(1L, 2L), Set.of(3L)));
    }

    @ParameterizedTest(name = "{0} voters -> quorum {1}")
    @CsvSource({"1, 1", "2, 2", "3, 2", "4, 3", "5, 3", "6, 4", "7, 4"})
    void quorumIsAMajorityOfVotersAlone(long voters, int quorum) {
        Set<Long> ids = LongStream.rangeClosed(1, voters).boxed().collect(Collectors.toSet());

        assertThat(of(ids, Set.of(100L, 101L)).quorum()).isEqualTo(quorum);
    }

    @Test
    void confStateRoundTripIsSortedAndMembersAreOrdered() {
        Membership m = Membership.of(conf(new long[] {3, 1, 2}, new long[] {7, 5}));

        assertThat(m.toConfState()).isEqualTo(conf(new long[] {1, 2, 3}, new long[] {5, 7}));
        assertThat(m.members()).containsExactly(1L, 2L, 3L, 5L, 7L);
        assertThat(m.isVoter(5)).isFalse();
        assertThat(m.isMember(5)).isTrue();
        assertThat(m.isMember(4)).isFalse();
    }
}
