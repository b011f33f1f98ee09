package dev.berth.framework.runtime;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

    /**
     * One thread's current plugin call. Only the owning thread starts and ends calls, so it reads its
     * own state without synchronization; the watchdog moves ACTIVE to FIRING with a CAS, interrupts, and
     * then marks FIRED, so an ending call can wait out an interrupt in flight and never leak it.
     */
    private static final class Slot {
        static final int IDLE = 0;
        static final int ACTIVE = 1;
        static final int FIRING = 2;
        static final int FIRED = 3;

        final Thread thread = Thread.currentThread();
        final AtomicInteger state = new AtomicInteger(IDLE);
        volatile long deadline;
    }

    private final Queue<Slot> slots = new ConcurrentLinkedQueue<>();
    /** A clock the watchdog advances every check: deadlines need no precision finer than a check, and reading it is far cheaper than nanoTime. */
    private volatile long coarseNanos = System.nanoTime();
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
        if (s.state.get() != Slot.IDLE) {
            return false;
        }
        s.deadline = coarseNanos + timeout.toNanos();
        s.state.set(Slot.ACTIVE);
        return true;
    }

    /**
     * Ends the call started by {@link #enter}; clears an interrupt the watchdog raised.
     *
     * @return true if the call ran past its deadline (as the watchdog saw it: within one check interval)
     */
    public boolean exit() {
        Slot s = slot.get();
        if (s.state.compareAndSet(Slot.ACTIVE, Slot.IDLE)) {
            return false;
        }
        while (s.state.get() == Slot.FIRING) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        s.state.set(Slot.IDLE);
        return true;
    }

    private void interruptOverdue() {
        long now = System.nanoTime();
        coarseNanos = now;
        for (Slot s : slots) {
            if (!s.thread.isAlive()) {
                slots.remove(s);
                continue;
            }
            if (s.state.get() == Slot.ACTIVE && now - s.deadline > 0 && s.state.compareAndSet(Slot.ACTIVE, Slot.FIRING)) {
                s.thread.interrupt();
                s.state.set(Slot.FIRED);
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
