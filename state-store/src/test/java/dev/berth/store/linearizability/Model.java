package dev.berth.store.linearizability;

import java.util.List;
import java.util.Optional;

/**
 * The sequential specification a history is checked against: a state machine that says which (input, output) pairs
 * are legal in each state and what state they lead to.
 *
 * <p>States are memoized by the checker, so {@code S} must be immutable with value {@code equals} and
 * {@code hashCode}; two equal states must accept exactly the same futures. The model is deterministic: for a given
 * state and input there is at most one next state.
 *
 * @param <S> the state, immutable, never {@code null}
 * @param <I> an operation's input
 * @param <O> an operation's output
 */
public interface Model<S, I, O> {

    /** The state before any operation. */
    S init();

    /**
     * Whether {@code input} returning {@code output} is legal in {@code state}, and if so the state it leaves.
     *
     * @return the next state, or empty if this response could not have come from this state
     */
    Optional<S> step(S state, I input, O output);

    /**
     * The state {@code input} leaves if it takes effect in {@code state}, for an operation whose outcome is unknown
     * (the checker has no output to hold it to). The checker separately considers the operation never taking effect,
     * so this only answers "what if it happened now".
     *
     * @return the next state, or empty if the input cannot take effect in this state at all
     */
    Optional<S> stepUnknownOutput(S state, I input);

    /**
     * Whether {@code input} sets the state regardless of what it was, in any state its partition can reach: the model
     * always accepts it, and the state after it does not depend on the state before (a blind write, such as a put to
     * a single register).
     *
     * <p>Optional, purely to save time: it lets the search skip, without stepping the model, orders that cannot
     * matter, such as applying a timed-out write just before another write that overwrites it. The default, false, is
     * always correct; true for an input that does not qualify makes the checker unsound.
     */
    default boolean overwritesState(I input) {
        return false;
    }

    /**
     * Splits a history into independent sub-histories that may be checked separately, for speed: the search is
     * exponential in the worst case, and checking {@code k} parts of size {@code n/k} is far cheaper than one of size
     * {@code n}. Splitting is sound only when the model is a product of independent objects (such as a map of
     * independent registers), because linearizability is then local: the whole is linearizable exactly when each
     * object's sub-history is. The default keeps the history whole.
     */
    default List<List<Operation<I, O>>> partition(List<Operation<I, O>> history) {
        return List.of(history);
    }

    /** Names a part returned by {@link #partition} in reports, such as the key it holds. */
    default String describePartition(List<Operation<I, O>> partition) {
        return "the whole history";
    }

    /** One operation's input and output, for reports; times and client are added by the checker. */
    default String describeOperation(Operation<I, O> operation) {
        return operation.input() + " -> " + (operation.outcomeUnknown() ? "? (outcome unknown)" : operation.output());
    }

    /** A state, for reports. */
    default String describeState(S state) {
        return String.valueOf(state);
    }
}
