package dev.berth.store.raft;

/**
 * A proposal, read or transfer request this node cannot take now (no known leader, a transfer in
 * progress, a configuration change still pending). Nothing was appended: the caller may retry, typically
 * after the next leader change.
 */
public final class ProposalDroppedException extends RuntimeException {
    public ProposalDroppedException(String message) {
        super(message);
    }
}
