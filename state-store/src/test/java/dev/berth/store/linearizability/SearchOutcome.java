package dev.berth.store.linearizability;

import java.util.List;

/** What searching one partition found. */
sealed interface SearchOutcome<S, I, O> {

    /** Some order of the partition's operations satisfies the model and their real-time order. */
    record Linearizable<S, I, O>() implements SearchOutcome<S, I, O> {
    }

    /** The deadline passed before the search finished. */
    record TimedOut<S, I, O>() implements SearchOutcome<S, I, O> {
    }

    /**
     * No order works. The search's deepest dead end, the best explanation it has: see
     * {@link Violation} for what the fields mean.
     */
    record Refuted<S, I, O>(
            List<Operation<I, O>> longestPrefix,
            S stateAfterPrefix,
            List<Operation<I, O>> candidates,
            Operation<I, O> earliestReturn) implements SearchOutcome<S, I, O> {
    }
}
