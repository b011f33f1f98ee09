package dev.berth.store.linearizability;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a concurrent history is linearizable with respect to a {@link Model}: whether every operation can
 * be given an instant within its call-return interval such that, applied in that order, the model accepts every
 * recorded output.
 *
 * <p>The model's partitions are checked one after another under one deadline; the first that is not linearizable
 * decides the verdict, and its dead end is reported. The problem is NP-complete, so a check can always run out of
 * time: then the verdict is {@link Verdict#UNKNOWN} rather than a guess, and the caller decides whether that fails
 * the test.
 *
 * <p>Ties between one operation's return and another's call at the same time count as concurrent; see
 * {@link EventList}.
 *
 * <p>Cost: for a handful of concurrent clients, roughly linear in the size of each partition, so thousands of
 * operations per key take well under a second to confirm and a few seconds to refute (every order of everything before
 * the violation must fail). Operations with unknown outcomes cost more: each one that never took effect stays a
 * candidate to the end of its partition, so record as unknown only what really timed out.
 */
public final class LinearizabilityChecker {

    private LinearizabilityChecker() {
    }

    /**
     * Checks {@code history} against {@code model}, giving up after {@code timeout}.
     *
     * @param history the operations of all clients, in any order
     * @param timeout how long the whole check may take; the deadline is polled between search steps, so it is
     *     overrun by at most a few model steps
     */
    public static <S, I, O> LinearizabilityResult<S, I, O> check(
            Model<S, I, O> model, List<Operation<I, O>> history, Duration timeout) {
        Objects.requireNonNull(model, "model");
        Deadline deadline = new Deadline(Objects.requireNonNull(timeout, "timeout"));
        List<List<Operation<I, O>>> partitions = model.partition(List.copyOf(history));
        int finished = 0;
        for (List<Operation<I, O>> partition : partitions) {
            PartitionSearch<S, I, O> search = new PartitionSearch<>(model, partition, deadline);
            SearchOutcome<S, I, O> outcome = search.run();
            if (outcome instanceof SearchOutcome.Refuted<S, I, O> refuted) {
                Violation<S, I, O> violation = new Violation<>(
                        model.describePartition(partition),
                        search.operations(),
                        refuted.longestPrefix(),
                        refuted.stateAfterPrefix(),
                        refuted.candidates(),
                        refuted.earliestReturn());
                return new LinearizabilityResult<>(
                        Verdict.NOT_LINEARIZABLE, ReportWriter.violation(model, violation), Optional.of(violation));
            }
            if (outcome instanceof SearchOutcome.TimedOut) {
                String explanation = ReportWriter.timedOut(deadline.elapsed(), model.describePartition(partition),
                        partition.size(), finished, partitions.size());
                return new LinearizabilityResult<>(Verdict.UNKNOWN, explanation, Optional.empty());
            }
            finished++;
        }
        return new LinearizabilityResult<>(
                Verdict.LINEARIZABLE, ReportWriter.linearizable(history.size(), partitions.size()), Optional.empty());
    }
}
