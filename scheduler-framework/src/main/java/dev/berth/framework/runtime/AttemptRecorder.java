package dev.berth.framework.runtime;

/**
 * Keeps finished attempts with their filter and score results (the debug endpoints and the simulator annotations
 * read them). Called on scheduler threads once per attempt; must be quick and must not throw.
 */
@FunctionalInterface
public interface AttemptRecorder {

    void record(RecordedAttempt attempt);

    AttemptRecorder NONE = attempt -> { };
}
