package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.config;
import static dev.berth.store.raft.Fixtures.hardState;
import static dev.berth.store.raft.Fixtures.message;
import static dev.berth.store.raft.Fixtures.storage;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.store.raft.pb.Message;
import dev.berth.store.raft.pb.MessageType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** How a node answers (pre-)vote requests of its own term: one vote per term, only for an up-to-date log. */
class VoteRequestTest {
    private static final long VOTER = 1;
    private static final long CANDIDATE = 2;
    private static final long TERM = 3;

    /**
     * Voter 1 at term 3 with log [term 2, term 2]; candidate 2 asks in term 3 with its last (index, term).
     * A vote is granted only to a log at least as up to date (§5.4.1) and only if the voter has not voted
     * for someone else in this term. Pre-votes of the same term follow the same rules.
     */
    @ParameterizedTest(name = "{0}: candidate last ({1}, term {2}), voted for {3} -> granted={4}")
    @MethodSource("voteRequests")
    void grantsOnlyAnUpToDateLogAndOneCandidatePerTerm(MessageType type, long lastIndex, long lastTerm,
            long votedFor, boolean granted) {
        Replica voter = new Replica(config(VOTER), storage(voters(1, 2, 3), hardState(TERM, votedFor, 0), 2, 2));

        List<Message> out = voter.step(message(type, CANDIDATE, VOTER, TERM)
                .setIndex(lastIndex).setLogTerm(lastTerm).build());

        MessageType responseType = type == MessageType.MSG_VOTE
                ? MessageType.MSG_VOTE_RESPONSE : MessageType.MSG_PRE_VOTE_RESPONSE;
        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.getType()).isEqualTo(responseType);
            assertThat(m.getFrom()).isEqualTo(VOTER);
            assertThat(m.getTo()).isEqualTo(CANDIDATE);
            assertThat(m.getTerm()).isEqualTo(TERM);
            assertThat(m.getReject()).isEqualTo(!granted);
        });
        long expectedVote = granted && type == MessageType.MSG_VOTE ? CANDIDATE : votedFor;
        assertThat(voter.status().vote()).isEqualTo(expectedVote);
        assertThat(voter.status().term()).isEqualTo(TERM);
    }

    static Stream<Arguments> voteRequests() {
        Object[][] rows = {
                {0, 0, 0, false}, {0, 1, 0, false}, {0, 2, 0, false}, {0, 3, 0, true},
                {1, 0, 0, false}, {1, 1, 0, false}, {1, 2, 0, false}, {1, 3, 0, true},
                {2, 0, 0, false}, {2, 1, 0, false}, {2, 2, 0, true}, {2, 3, 0, true},
                {3, 0, 0, false}, {3, 1, 0, false}, {3, 2, 0, true}, {3, 3, 0, true},
                // Already voted in this term: again for the same candidate, never for another.
                {3, 2, 2, true}, {3, 2, 3, false}, {3, 2, 1, false},
        };
        return Stream.of(MessageType.MSG_VOTE, MessageType.MSG_PRE_VOTE).flatMap(type -> Stream.of(rows)
                .map(r -> arguments(type, (long) (int) r[0], (long) (int) r[1], (long) (int) r[2], r[3])));
    }

    @Test
    void votesAtMostOncePerTerm() {
        Replica voter = new Replica(config(1), storage(voters(1, 2, 3)));

        List<Message> first = voter.step(message(MessageType.MSG_VOTE, 2, 1, 1).build());
        List<Message> other = voter.step(message(MessageType.MSG_VOTE, 3, 1, 1).build());
        List<Message> again = voter.step(message(MessageType.MSG_VOTE, 2, 1, 1).build());

        assertThat(first).singleElement().extracting(Message::getReject).isEqualTo(false);
        assertThat(other).singleElement().extracting(Message::getReject).isEqualTo(true);
        assertThat(again).singleElement().extracting(Message::getReject).isEqualTo(false);
        assertThat(voter.status().vote()).isEqualTo(2);
    }

    @Test
    void voteInANewTermReplacesTheOldOne() {
        Replica voter = new Replica(config(1), storage(voters(1, 2, 3), hardState(1, 2, 0)));

        List<Message> out = voter.step(message(MessageType.MSG_VOTE, 3, 1, 2).build());

        assertThat(out).singleElement().extracting(Message::getReject).isEqualTo(false);
        assertThat(voter.status().term()).isEqualTo(2);
        assertThat(voter.status().vote()).isEqualTo(3);
    }

    /** The vote is handed out for persisting, with an fsync, before (in the same Ready as) the grant. */
    @Test
    void grantedVoteIsPersistedAndSurvivesARestart() {
        MemoryStorage disk = storage(voters(1, 2, 3));
        RaftNode voter = new RaftNode(config(1), disk, new FixedJitter(0));

        voter.step(message(MessageType.MSG_VOTE, 2, 1, 1).build());
        Ready rd = voter.ready();

        assertThat(rd.hardState()).isEqualTo(hardState(1, 2, 0));
        assertThat(rd.mustSync()).isTrue();
        assertThat(rd.messages()).singleElement().extracting(Message::getReject).isEqualTo(false);
        assertThat(disk.hardState()).as("not persisted before advance").isEqualTo(hardState(0, 0, 0));
        voter.advance(rd);
        assertThat(disk.hardState()).isEqualTo(hardState(1, 2, 0));

        Replica restarted = new Replica(config(1), disk);
        List<Message> out = restarted.step(message(MessageType.MSG_VOTE, 3, 1, 1).build());

        assertThat(restarted.status().vote()).isEqualTo(2);
        assertThat(out).singleElement().extracting(Message::getReject).isEqualTo(true);
    }

    @ParameterizedTest
    @EnumSource(value = RoleKind.class, names = {"CANDIDATE", "LEADER"})
    void candidatesAndLeadersRejectOthersInTheirTerm(RoleKind role) {
        Replica r = Replica.inRole(role, config(1));

        List<Message> out = r.step(message(MessageType.MSG_VOTE, 3, 1, 2).setIndex(5).setLogTerm(2).build());

        assertThat(out).filteredOn(m -> m.getType() == MessageType.MSG_VOTE_RESPONSE).singleElement()
                .satisfies(m -> {
                    assertThat(m.getReject()).isTrue();
                    assertThat(m.getTerm()).isEqualTo(2);
                });
        assertThat(r.status().role()).isEqualTo(role);
        assertThat(r.status().vote()).isEqualTo(1);
    }
}
