package dev.berth.shim.rest;

import java.time.Duration;

/** Runs a task once after a delay, off the caller's thread (where the task may block): the end of a grace period. */
@FunctionalInterface
public interface GraceTimer {
    void schedule(Duration delay, Runnable task);
}
