package dev.berth.store.linearizability;

import java.util.Optional;

/**
 * The outcome of a check: the verdict, a report for a human, and for {@link Verdict#NOT_LINEARIZABLE} the structured
 * counterexample the report was written from.
 *
 * @param verdict the answer
 * @param explanation a multi-line report: for a violation, the failing partition, the longest linearizable prefix and
 *     the operations that could not be placed after it; for a timeout, which partition ran out of time
 * @param violation present exactly when the verdict is {@link Verdict#NOT_LINEARIZABLE}
 */
public record LinearizabilityResult<S, I, O>(Verdict verdict, String explanation, Optional<Violation<S, I, O>> violation) {

    public LinearizabilityResult {
        if (violation.isPresent() != (verdict == Verdict.NOT_LINEARIZABLE)) {
            throw new IllegalArgumentException("a violation comes with, and only with, " + Verdict.NOT_LINEARIZABLE);
        }
    }

    /** The explanation alone: the record's default would print the whole history, which may be thousands of lines. */
    @Override
    public String toString() {
        return explanation;
    }
}
