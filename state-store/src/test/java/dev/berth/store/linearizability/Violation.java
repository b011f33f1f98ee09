package dev.berth.store.linearizability;

import java.util.List;

/**
 * Why a history is not linearizable, as the search's deepest dead end: the longest prefix it could linearize, and the
 * operations none of which could come next. No single operation is "the bug" in general (a stale read and the write
 * it missed are equally to blame), so this shows where every explanation ran out.
 *
 * @param partition the failing part of the history, as the model names it (for {@link KvModel}, the key)
 * @param history that part's operations, by call time
 * @param longestPrefix a legal linearization of some of the operations, consistent with the history up to the dead
 *     end, with the most known-outcome operations the search could place; the operations of {@code history} with a
 *     known outcome that are not in it are the ones that could not be placed
 * @param stateAfterPrefix the model state after {@code longestPrefix}
 * @param candidates the unplaced known-outcome operations called no later than {@code earliestReturn} returned:
 *     exactly those that could take effect next. The model rejects each of them in {@code stateAfterPrefix}: the
 *     search tries every one it accepts, which would have led to a longer prefix. (Pending operations with unknown
 *     outcomes are not listed: they are never obliged to take effect, and applying them here did not help.)
 * @param earliestReturn the unplaced operation that returned first: something must take effect before it returns,
 *     which is why the search could not simply skip past the candidates
 */
public record Violation<S, I, O>(
        String partition,
        List<Operation<I, O>> history,
        List<Operation<I, O>> longestPrefix,
        S stateAfterPrefix,
        List<Operation<I, O>> candidates,
        Operation<I, O> earliestReturn) {

    public Violation {
        history = List.copyOf(history);
        longestPrefix = List.copyOf(longestPrefix);
        candidates = List.copyOf(candidates);
    }
}
