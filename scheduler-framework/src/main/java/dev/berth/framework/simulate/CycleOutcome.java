package dev.berth.framework.simulate;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.runtime.FitError;

/**
 * One scheduling cycle's result, and when no node fit, what PostFilter needs.
 *
 * @param fitError why no node fit, or {@code null} if the cycle did not end that way
 * @param state the cycle's state, which PostFilter continues from
 */
record CycleOutcome(PodResult result, FitError fitError, CycleState state) {
}
