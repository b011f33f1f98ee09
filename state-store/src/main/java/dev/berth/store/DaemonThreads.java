package dev.berth.store;

import java.util.concurrent.ThreadFactory;

/**
 * Threads for background work that must never keep the process alive on its own (timers, writers, watchers). Here,
 * below every module that starts such threads, so that one factory serves them all.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A factory of daemon threads all named {@code name}, so a thread dump says what each one is for. */
    public static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
