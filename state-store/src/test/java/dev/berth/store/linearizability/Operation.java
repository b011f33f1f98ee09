package dev.berth.store.linearizability;

import java.util.Objects;

/**
 * One client operation as a test observed it: what was asked, what came back, and the interval in which it happened.
 *
 * <p>The operation took effect atomically at some instant between {@code callTime} and {@code returnTime}
 * (inclusive); finding such instants for every operation, consistent with the model, is what the checker does.
 * Times are in any unit the recorder likes (simulated ticks, nanoseconds) as long as every operation of a history
 * uses the same clock.
 *
 * <p>An operation whose outcome is unknown, because the client gave up waiting, is recorded with
 * {@code returnTime == }{@link #UNKNOWN_RETURN} and a {@code null} output: it may have taken effect at any instant
 * after its call, or never, and the checker tries both. Use {@link #unknownOutcome} to build one.
 *
 * @param clientId who issued it; used only in reports, never to order operations
 * @param input what was asked, as the model understands it
 * @param output what came back; {@code null} when the outcome is unknown, and may be {@code null} otherwise where the
 *     model gives {@code null} a meaning (such as "absent")
 * @param callTime when the client issued it
 * @param returnTime when the client got the response, or {@link #UNKNOWN_RETURN}
 */
public record Operation<I, O>(int clientId, I input, O output, long callTime, long returnTime) {

    /** The return time of an operation whose outcome is unknown: it never returned, so it never ends. */
    public static final long UNKNOWN_RETURN = Long.MAX_VALUE;

    public Operation {
        Objects.requireNonNull(input, "input");
        if (callTime == UNKNOWN_RETURN) {
            throw new IllegalArgumentException("callTime must be before Long.MAX_VALUE, which marks an unknown return");
        }
        if (returnTime < callTime) {
            throw new IllegalArgumentException("returnTime " + returnTime + " is before callTime " + callTime);
        }
        if (returnTime == UNKNOWN_RETURN && output != null) {
            throw new IllegalArgumentException("an operation with an unknown outcome has no output, but got " + output);
        }
    }

    /** An operation that was called but whose response never came: it may have taken effect after its call, or never. */
    public static <I, O> Operation<I, O> unknownOutcome(int clientId, I input, long callTime) {
        return new Operation<>(clientId, input, null, callTime, UNKNOWN_RETURN);
    }

    /** Whether the client never learned the outcome, so the operation may or may not have taken effect. */
    public boolean outcomeUnknown() {
        return returnTime == UNKNOWN_RETURN;
    }
}
