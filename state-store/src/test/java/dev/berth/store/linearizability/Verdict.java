package dev.berth.store.linearizability;

/** The answer to "is this history linearizable?". */
public enum Verdict {
    LINEARIZABLE,
    NOT_LINEARIZABLE,
    /** The check ran out of time; the history may be either. */
    UNKNOWN
}
