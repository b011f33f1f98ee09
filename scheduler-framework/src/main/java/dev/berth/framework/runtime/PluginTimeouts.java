package dev.berth.framework.runtime;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Enforces per-extension-point time limits on plugin calls. A watchdog interrupts a thread whose
 * plugin call ran past its deadline; the call's result then becomes an Error status. That frees a
 * plugin stuck in blocking I/O, sleeps or waits. A plugin spinning on the CPU while ignoring
 * interruption cannot be stopped on the JVM: such a plugin is a bug to fix, and the status still turns
 * into an Error once it returns.
 *
 * <p>Each thread owns one slot; nested calls (a PostFilter plugin running Filter plugins through the
 * handle) run under the outermost call's deadline.
 */
public final class PluginTimeouts implements AutoCloseable {

    /** One thread's current plugin call. Guarded by its own monitor so interrupts never leak past exit. */
    private static final class Slot {
        final Thread thread = Thread.currentThread();
        long deadline;
        boolean active;
        boolean fired;
    }

    private final Queue<Slot> slots = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Slot> slot = ThreadLocal.withInitial(this::newSlot);
    private final ScheduledExecutorService watchdog;

    public PluginTimeouts(Duration checkInterval) {
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-plugin-watchdog");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, checkInterval.toMillis());
        watchdog.scheduleAtFixedRate(this::interruptOverdue, ms, ms, TimeUnit.MILLISECONDS);
    }

    private Slot newSlot() {
        Slot s = new Slot();
        slots.add(s);
        return s;
    }

    /**
     * Starts a guarded call on this thread.
     *
     * @return true if this call owns the slot and must be ended with {@link #exit()}; false for a nested call
     */
    public boolean enter(Duration timeout) {
        Slot s = slot.get();
        synchronized (s) {
            if (s.active) {
                return false;
            }
            s.active = true;
            s.fired = false;
            s.deadline = System.nanoTime() + timeout.toNanos();
            return true;
        }
    }

    /**
     * Ends the call started by {@link #enter}; clears an interrupt the watchdog raised.
     *
     * @return true if the call ran past its deadline
     */
    public boolean exit() {
        Slot s = slot.get();
        synchronized (s) {
            s.active = false;
            boolean timedOut = s.fired || System.nanoTime() - s.deadline > 0;
            if (s.fired) {
                Thread.interrupted();
                s.fired = false;
            }
            return timedOut;
        }
    }

    private void interruptOverdue() {
        long now = System.nanoTime();
        for (Slot s : slots) {
            if (!s.thread.isAlive()) {
                slots.remove(s);
                continue;
            }
            synchronized (s) {
                if (s.active && !s.fired && now - s.deadline > 0) {
                    s.fired = true;
                    s.thread.interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
