package dev.berth.store.linearizability;

import java.util.List;
import java.util.Optional;

/**
 * Decides linearizability by trying every order of every subset of operations allowed to be left out: factorial, so
 * only for histories of a handful of operations, but simple enough to be obviously right, which makes it the oracle
 * the real checker is compared against. It ignores {@link Model#partition}, so it also checks that partitioning is
 * sound.
 */
final class BruteForceChecker {

    private BruteForceChecker() {
    }

    static <S, I, O> boolean isLinearizable(Model<S, I, O> model, List<Operation<I, O>> history) {
        return extend(model, history, new boolean[history.size()], model.init());
    }

    /**
     * Whether the placed operations, taken in the order they were placed and leading to {@code state}, extend to a
     * linearization. Every operation with a known outcome must be placed; one with an unknown outcome may be left out
     * (it never took effect). An operation may go next only if no unplaced known operation returned strictly before
     * it was called; at equal times they are concurrent.
     */
    private static <S, I, O> boolean extend(Model<S, I, O> model, List<Operation<I, O>> ops, boolean[] placed, S state) {
        if (allKnownPlaced(ops, placed)) {
            return true;
        }
        for (int i = 0; i < ops.size(); i++) {
            if (placed[i] || mustWait(ops, placed, ops.get(i))) {
                continue;
            }
            Operation<I, O> op = ops.get(i);
            Optional<S> next = op.outcomeUnknown()
                    ? model.stepUnknownOutput(state, op.input())
                    : model.step(state, op.input(), op.output());
            if (next.isPresent()) {
                placed[i] = true;
                boolean found = extend(model, ops, placed, next.get());
                placed[i] = false;
                if (found) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean allKnownPlaced(List<? extends Operation<?, ?>> ops, boolean[] placed) {
        for (int i = 0; i < ops.size(); i++) {
            if (!placed[i] && !ops.get(i).outcomeUnknown()) {
                return false;
            }
        }
        return true;
    }

    private static boolean mustWait(List<? extends Operation<?, ?>> ops, boolean[] placed, Operation<?, ?> op) {
        for (int j = 0; j < ops.size(); j++) {
            if (!placed[j] && ops.get(j).returnTime() < op.callTime()) {
                return true;
            }
        }
        return false;
    }
}
