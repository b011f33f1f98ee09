package dev.berth.store.linearizability;

import java.util.Objects;

/**
 * The operations {@link KvModel} understands, each on a single key. Closed, so the model handles every kind and a new
 * kind cannot be recorded without the model learning its semantics.
 *
 * <p>The output each kind is recorded with: {@link Get} the value read, or {@code null} if the key was absent;
 * {@link Put} nothing ({@code null}, ignored); {@link Cas} a {@link Boolean}, whether the swap happened.
 */
public sealed interface KvInput {

    /** The key this operation reads or writes; operations on different keys are independent. */
    String key();

    /** Read a key's value. */
    record Get(String key) implements KvInput {
        public Get {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Set a key's value unconditionally. */
    record Put(String key, String value) implements KvInput {
        public Put {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Set a key to {@code value} only if it currently holds {@code expected}; {@code expected == null} means "only if
     * the key is absent" (create).
     */
    record Cas(String key, String expected, String value) implements KvInput {
        public Cas {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }
}
