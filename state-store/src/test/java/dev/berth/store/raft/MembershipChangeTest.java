package dev.berth.store.raft;

import static dev.berth.store.raft.Fixtures.ELECTION_TICK;
import static dev.berth.store.raft.Fixtures.bytes;
import static dev.berth.store.raft.Fixtures.conf;
import static dev.berth.store.raft.Fixtures.confChange;
import static dev.berth.store.raft.Fixtures.config;
import static dev.berth.store.raft.Fixtures.hardState;
import static dev.berth.store.raft.Fixtures.message;
import static dev.berth.store.raft.Fixtures.storage;
import static dev.berth.store.raft.Fixtures.voters;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.store.raft.pb.ConfChangeType;
import dev.berth.store.raft.pb.ConfState;
import dev.berth.store.raft.pb.Entry;
import dev.berth.store.raft.pb.EntryType;
import dev.berth.store.raft.pb.MessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Membership changes, one at a time and effective when applied: learners replicate but never vote or
 * count, voters come and go with the quorum recomputed, and changes wait for earlier ones to be applied.
 */
class MembershipChangeTest {
    private static final ConfState ONE_VOTER_TWO_LEARNERS = conf(new long[] {1}, new long[] {2, 3});

    @Test
    void singleVoterCommitsAloneAndItsLearnersCatchUp() {
        TestNetwork net = TestNetwork.of(
                new Replica(config(1), MemoryStorage.withConfState(ONE_VOTER_TWO_LEARNERS)),
                new Replica(config(2), MemoryStorage.withConfState(ONE_VOTER_TWO_LEARNERS)),
                new Replica(config(3), MemoryStorage.withConfState(ONE_VOTER_TWO_LEARNERS)));
        net.isolate(2).isolate(3);

        net.campaign(1);
        net.propose(1, "x");

        assertThat(net.node(1).status().commit()).isEqualTo(2);
        assertThat(net.node(2).status().lastIndex()).isZero();

        net.heal();
        net.tick(1, 1);
        for (long learner : new long[] {2, 3}) {
            assertThat(net.node(learner).status().commit()).as("commit of %d", learner).isEqualTo(2);
            assertThat(net.replica(learner).appliedData()).containsExactly("x");
            assertThat(net.node(learner).status().leader()).isEqualTo(1);
        }
    }

    @Test
    void learnerNeverCampaigns() {
        Replica learner = new Replica(config(2).withPreVote(true), MemoryStorage.withConfState(ONE_VOTER_TWO_LEARNERS));

        for (int i = 0; i < 3 * ELECTION_TICK; i++) {
            learner.raft.tick();
        }
        learner.raft.campaign();
        learner.raft.step(message(MessageType.MSG_TIMEOUT_NOW, 1, 2, 1).build());

        assertThat(learner.processReady()).isEmpty();
        assertThat(learner.status().role()).isEqualTo(RoleKind.FOLLOWER);
        assertThat(learner.status().vote()).isZero();
    }

    @Test
    void learnerAcknowledgementsDoNotCountTowardTheQuorum() {
        ConfState twoVotersOneLearner = conf(new long[] {1, 2}, new long[] {3});
        TestNetwork net = TestNetwork.of(
                new Replica(config(1), MemoryStorage.withConfState(twoVotersOneLearner)),
                new Replica(config(2), MemoryStorage.withConfState(twoVotersOneLearner)),
                new Replica(config(3), MemoryStorage.withConfState(twoVotersOneLearner)));
        net.campaign(1);
        net.isolate(2);

        net.propose(1, "x");

        assertThat(net.node(3).status().lastIndex()).as("the learner has it").isEqualTo(2);
        assertThat(net.node(1).status().commit()).as("but only voter 1 of 2 does").isEqualTo(1);
        net.heal();
        net.tick(1, 1);
        assertThat(net.node(1).status().commit()).isEqualTo(2);
    }

    /**
     * A new node joins an established cluster with an empty log: it is added as a learner, replays the
     * whole log (bootstrap entries included) and so learns the membership; once promoted, it counts.
     */
    @Test
    void newNodeJoinsAsLearnerAndIsPromotedToVoter() {
        TestNetwork net = TestNetwork.bootstrapped(Fixtures::config, 1, 2);
        net.campaign(1);
        net.add(new Replica(config(3), new MemoryStorage(), 2));

        net.node(1).proposeConfChange(confChange(ConfChangeType.CONF_ADD_LEARNER, 3));
        net.settle();
        net.tick(1, 1);

        ConfState withLearner = conf(new long[] {1, 2}, new long[] {3});
        for (long id = 1; id <= 3; id++) {
            assertThat(net.node(id).confState()).as("configuration of %d", id).isEqualTo(withLearner);
        }
        assertThat(net.node(3).status().commit()).isEqualTo(net.node(1).status().commit());

        net.node(1).proposeConfChange(confChange(ConfChangeType.CONF_ADD_VOTER, 3));
        net.settle();
        for (long id = 1; id <= 3; id++) {
            assertThat(net.node(id).confState()).as("configuration of %d", id).isEqualTo(voters(1, 2, 3));
        }

        net.isolate(2);
        net.propose(1, "needs node 3");
        assertThat(net.node(1).status().commit()).isEqualTo(net.node(1).status().lastIndex());
        assertThat(net.replica(3).appliedData()).containsExactly("needs node 3");
    }

    /**
     * Voter 2 of {1, 2} acknowledges its own removal but not the entry after it. Applying the removal
     * leaves leader 1 as the whole quorum, which commits the pending entry at once.
     */
    @Test
    void removingAVoterRecomputesTheQuorum() {
        Replica leader = Replica.elected(config(1), MemoryStorage.withConfState(voters(1, 2)));
        leader.step(message(MessageType.MSG_APPEND_RESPONSE, 2, 1, 1).setIndex(1).build());
        leader.raft.proposeConfChange(confChange(ConfChangeType.CONF_REMOVE_NODE, 2));
        leader.raft.propose(bytes("hello"));
        leader.processReady();

        leader.raft.step(message(MessageType.MSG_APPEND_RESPONSE, 2, 1, 1).setIndex(2).build());
        assertThat(leader.status().commit()).isEqualTo(2);

        leader.processReady();
        assertThat(leader.status().confState()).isEqualTo(voters(1));
        assertThat(leader.status().commit()).isEqualTo(3);
        assertThat(leader.appliedData()).containsExactly("hello");
    }

    @Test
    void secondChangeIsRefusedUntilTheFirstIsApplied() {
        Replica leader = Replica.elected(config(1), MemoryStorage.withConfState(voters(1, 2)));
        leader.step(message(MessageType.MSG_APPEND_RESPONSE, 2, 1, 1).setIndex(1).build());
        leader.raft.proposeConfChange(confChange(ConfChangeType.CONF_ADD_LEARNER, 3));
        leader.processReady();

        assertThatThrownBy(() -> leader.raft.proposeConfChange(confChange(ConfChangeType.CONF_ADD_LEARNER, 4)))
                .isInstanceOf(ProposalDroppedException.class);
        leader.raft.propose(bytes("normal entries still go"));
        leader.processReady();

        leader.raft.step(message(MessageType.MSG_APPEND_RESPONSE, 2, 1, 1).setIndex(3).build());
        assertThat(leader.status().commit()).as("committed").isEqualTo(3);
        assertThatThrownBy(() -> leader.raft.proposeConfChange(confChange(ConfChangeType.CONF_ADD_LEARNER, 4)))
                .as("but not applied yet")
                .isInstanceOf(ProposalDroppedException.class);

        leader.processReady();
        leader.raft.proposeConfChange(confChange(ConfChangeType.CONF_ADD_LEARNER, 4));
        assertThat(leader.status().lastIndex()).isEqualTo(4);
    }

    @Test
    void changeForwardedWhileAnotherIsPendingIsDropped() {
        TestNetwork net = TestNetwork.ofVoters(Fixtures::config, 1, 2, 3);
        net.campaign(1);
        net.hold(m -> m.getType() == MessageType.MSG_APPEND_RESPONSE);
        net.node(1).proposeConfChange(confChange(ConfChangeType.CONF_ADD_LEARNER, 4));
        net.settle();
        long before = net.node(1).status().lastIndex();

        net.node(2).proposeConfChange(confChange(ConfChangeType.CONF_ADD_LEARNER, 5));
        net.node(2).propose(bytes("x"));
        net.settle();

        assertThat(net.sent(MessageType.MSG_PROPOSE)).hasSize(2);
        assertThat(net.node(1).status().lastIndex()).as("only the normal entry is appended").isEqualTo(before + 1);
        net.heal();
        net.send(net.takeHeld());
        assertThat(net.node(1).confState()).isEqualTo(conf(new long[] {1, 2, 3}, new long[] {4}));
        assertThat(net.replica(3).appliedData()).containsExactly("x");
    }

    /**
     * Node 1 wins term 2 over a log of three term-1 entries of which only the first is applied. Entries
     * of earlier terms may hold changes it does not know of yet, so it takes none until they are applied.
     */
    @Test
    void newLeaderRefusesChangesUntilEarlierEntriesAreApplied() {
        Replica r = Replica.elected(config(1), storage(voters(1, 2, 3), hardState(1, 0, 1), 1, 1, 1));
        assertThat(r.status().applied()).isEqualTo(1);

        assertThatThrownBy(() -> r.raft.proposeConfChange(confChange(ConfChangeType.CONF_ADD_LEARNER, 4)))
                .isInstanceOf(ProposalDroppedException.class);

        r.step(message(MessageType.MSG_APPEND_RESPONSE, 2, 1, 2).setIndex(4).build());
        assertThat(r.status().applied()).isEqualTo(4);
        r.raft.proposeConfChange(confChange(ConfChangeType.CONF_ADD_LEARNER, 4));
        assertThat(r.status().lastIndex()).isEqualTo(5);
    }

    @Test
    void removedLeaderStepsDownAndNeverCampaigns() {
        TestNetwork net = TestNetwork.ofVoters(id -> config(id).withPreVote(true), 1, 2, 3);
        net.campaign(1);

        net.node(1).proposeConfChange(confChange(ConfChangeType.CONF_REMOVE_NODE, 1));
        net.settle();

        assertThat(net.node(1).status().role()).isEqualTo(RoleKind.FOLLOWER);
        for (long id = 1; id <= 3; id++) {
            assertThat(net.node(id).confState()).as("configuration of %d", id).isEqualTo(voters(2, 3));
        }
        net.clearSent();
        net.tickAll(3 * ELECTION_TICK);
        assertThat(net.leaders()).containsExactly(2L);
        assertThat(net.sent()).noneMatch(m -> m.getFrom() == 1);
    }

    @Test
    void committedButUnappliedChangeHoldsOffAnElection() {
        MemoryStorage disk = MemoryStorage.withConfState(voters(1, 2, 3));
        disk.append(List.of(Entry.newBuilder().setIndex(1).setTerm(1).setType(EntryType.ENTRY_CONF_CHANGE)
                .setData(confChange(ConfChangeType.CONF_ADD_LEARNER, 4).toByteString()).build()));
        disk.setHardState(hardState(1, 0, 1));
        Replica r = new Replica(config(1), disk);

        r.raft.campaign();
        assertThat(r.status().role()).isEqualTo(RoleKind.FOLLOWER);

        r.processReady();
        r.raft.campaign();
        assertThat(r.status().role()).isEqualTo(RoleKind.CANDIDATE);
    }
}
