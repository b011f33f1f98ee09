package dev.berth.store.raft;

import dev.berth.store.raft.pb.ConfChange;
import dev.berth.store.raft.pb.ConfState;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongUnaryOperator;

/**
 * One configuration: who votes and who only learns. Learners never vote and never count toward a quorum.
 * Immutable; a change yields a new one.
 */
record Membership(Set<Long> voters, Set<Long> learners) {
    /** The outcome of counting votes (or acknowledgements) among the voters. */
    enum VoteResult { PENDING, WON, LOST }

    /** Sorted, so every walk over the members (vote requests, appends) is in id order: runs replay exactly. */
    Membership {
        voters = Collections.unmodifiableSortedSet(new TreeSet<>(voters));
        learners = Collections.unmodifiableSortedSet(new TreeSet<>(learners));
    }

    static Membership of(ConfState state) {
        return new Membership(Set.copyOf(state.getVotersList()), Set.copyOf(state.getLearnersList()));
    }

    ConfState toConfState() {
        return ConfState.newBuilder()
                .addAllVoters(new TreeSet<>(voters))
                .addAllLearners(new TreeSet<>(learners))
                .build();
    }

    boolean isVoter(long id) {
        return voters.contains(id);
    }

    boolean isMember(long id) {
        return voters.contains(id) || learners.contains(id);
    }

    /** Every member in ascending id order, so message order is deterministic. */
    TreeSet<Long> members() {
        TreeSet<Long> all = new TreeSet<>(voters);
        all.addAll(learners);
        return all;
    }

    int quorum() {
        return voters.size() / 2 + 1;
    }

    /** The configuration after {@code change}; adding a voter that is a learner promotes it. */
    Membership apply(ConfChange change) {
        TreeSet<Long> v = new TreeSet<>(voters);
        TreeSet<Long> l = new TreeSet<>(learners);
        long id = change.getNodeId();
        switch (change.getType()) {
            case CONF_ADD_VOTER -> {
                l.remove(id);
                v.add(id);
            }
            case CONF_ADD_LEARNER -> {
                if (!v.contains(id)) {
                    l.add(id);
                }
            }
            case CONF_REMOVE_NODE -> {
                v.remove(id);
                l.remove(id);
            }
            default -> throw new IllegalArgumentException("unknown configuration change type " + change.getType());
        }
        return new Membership(v, l);
    }

    /** The highest index a quorum of voters has, given each voter's match index. */
    long committedIndex(LongUnaryOperator matchOf) {
        if (voters.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long[] matches = new long[voters.size()];
        int i = 0;
        for (long id : voters) {
            matches[i++] = matchOf.applyAsLong(id);
        }
        java.util.Arrays.sort(matches);
        return matches[matches.length - quorum()];
    }

    /** Counts granted and rejected votes among the voters; other entries in {@code votes} do not count. */
    VoteResult voteResult(Map<Long, Boolean> votes) {
        int granted = 0;
        int missing = 0;
        for (long id : voters) {
            Boolean vote = votes.get(id);
            if (vote == null) {
                missing++;
            } else if (vote) {
                granted++;
            }
        }
        if (granted >= quorum()) {
            return VoteResult.WON;
        }
        return granted + missing >= quorum() ? VoteResult.PENDING : VoteResult.LOST;
    }
}
