package dev.berth.shim.storage;

/** What a conditional write or delete found: done, no such key, or a key modified since the revision expected. */
public sealed interface WriteOutcome {

    /** Written (for a delete: the object as it was just before). */
    record Done(StoredObject object) implements WriteOutcome {
    }

    record Missing() implements WriteOutcome {
    }

    /** The key's mod revision was not the one expected; {@code current} is what is stored now. */
    record Stale(StoredObject current) implements WriteOutcome {
    }
}
