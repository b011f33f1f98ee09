package dev.berth.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.berth.store.raft.Progress.State;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A leader's view of one follower: match/next bookkeeping and when sending is paused. */
class ProgressTest {

    private static Progress progress(State state, long match, long next) {
        Progress pr = new Progress(next, new Inflights(4, 0), false);
        pr.match = match;
        switch (state) {
            case PROBE -> { }
            case REPLICATE -> {
                pr.becomeReplicate();
                pr.next = next;
            }
            case SNAPSHOT -> pr.becomeSnapshot(next);
        }
        return pr;
    }

    /**
     * A rejection of the append after {@code rejected}. Replicating: stale if at or below match, otherwise
     * back to match + 1. Probing: stale unless it answers the outstanding probe; then next goes to the hint
     * (but never above the rejected index, never below 1).
     */
    @ParameterizedTest(name = "{0} match={1} next={2}: reject {3} hint {4} -> {5}, next={6}")
    @MethodSource("rejections")
    void maybeDecreaseTo(State state, long match, long next, long rejected, long hint, boolean changed,
            long newNext) {
        Progress pr = progress(state, match, next);
        pr.probeSent = state == State.PROBE;

        assertThat(pr.maybeDecreaseTo(rejected, hint)).isEqualTo(changed);
        assertThat(pr.next).isEqualTo(newNext);
        if (changed && state == State.PROBE) {
            assertThat(pr.probeSent).as("a new probe may go out").isFalse();
        }
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                arguments(State.REPLICATE, 5L, 10L, 5L, 5L, false, 10L),
                arguments(State.REPLICATE, 5L, 10L, 4L, 4L, false, 10L),
                arguments(State.REPLICATE, 5L, 10L, 9L, 9L, true, 6L),
                arguments(State.PROBE, 0L, 0L, 0L, 0L, false, 0L),
                arguments(State.PROBE, 0L, 10L, 5L, 5L, false, 10L),
                arguments(State.PROBE, 0L, 10L, 9L, 9L, true, 9L),
                arguments(State.PROBE, 0L, 2L, 1L, 1L, true, 1L),
                arguments(State.PROBE, 0L, 1L, 0L, 0L, true, 1L),
                arguments(State.PROBE, 0L, 10L, 9L, 2L, true, 3L),
                arguments(State.PROBE, 0L, 10L, 9L, 0L, true, 1L),
                arguments(State.PROBE, 0L, 10L, 9L, 20L, true, 9L));
    }

    @ParameterizedTest(name = "update({0}) -> match {1}, next {2}, changed={3}")
    @CsvSource({"2, 3, 5, false", "3, 3, 5, false", "4, 4, 5, true", "5, 5, 6, true"})
    void maybeUpdateNeverMovesBackwards(long index, long match, long next, boolean changed) {
        Progress pr = progress(State.PROBE, 3, 5);
        pr.probeSent = true;

        assertThat(pr.maybeUpdate(index)).isEqualTo(changed);
        assertThat(pr.match).isEqualTo(match);
        assertThat(pr.next).isEqualTo(next);
        assertThat(pr.probeSent).isEqualTo(!changed);
    }

    @Test
    void becomeProbeRestartsAfterTheMatchOrTheSnapshot() {
        Progress replicating = progress(State.REPLICATE, 1, 5);
        replicating.becomeProbe();
        assertThat(replicating.next).isEqualTo(2);

        Progress snapshotDone = progress(State.SNAPSHOT, 1, 10);
        snapshotDone.becomeProbe();
        assertThat(snapshotDone.next).as("after the snapshot").isEqualTo(11);

        Progress snapshotFailed = progress(State.SNAPSHOT, 1, 10);
        snapshotFailed.pendingSnapshot = 0;
        snapshotFailed.becomeProbe();
        assertThat(snapshotFailed.next).isEqualTo(2);
        assertThat(snapshotFailed.state).isEqualTo(State.PROBE);
    }

    @Test
    void pausedWhileAProbeIsOutTheWindowIsFullOrASnapshotIsPending() {
        Progress probe = progress(State.PROBE, 0, 1);
        assertThat(probe.paused()).isFalse();
        probe.probeSent = true;
        assertThat(probe.paused()).isTrue();

        Progress replicate = progress(State.REPLICATE, 1, 2);
        for (long i = 2; i <= 5; i++) {
            assertThat(replicate.paused()).isFalse();
            replicate.inflights.add(i, 1);
            replicate.optimisticUpdate(i);
        }
        assertThat(replicate.paused()).isTrue();
        assertThat(replicate.next).isEqualTo(6);

        assertThat(progress(State.SNAPSHOT, 0, 7).paused()).isTrue();
    }

    @Test
    void changingStateEmptiesTheWindow() {
        Progress pr = progress(State.REPLICATE, 1, 2);
        pr.inflights.add(2, 1);

        pr.becomeProbe();

        assertThat(pr.inflights.count()).isZero();
        assertThat(pr.pendingSnapshot).isZero();
    }
}
