package dev.berth.store.server;

/**
 * A committed command the state machine refuses, the same way on every member (a bad request, a failed
 * precondition). Its proposer gets it as the answer. Any other exception from
 * {@link StateMachine#apply} is a fault of the member: it stops rather than diverge from the others.
 */
public class RejectedCommandException extends RuntimeException {
    public RejectedCommandException(String message) {
        super(message, null, false, false);
    }
}
