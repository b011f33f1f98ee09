package dev.berth.framework.runtime;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** A clock and timers that move only when a test says so, so Permit timeouts are deterministic. */
final class ManualTime implements InstantSource, FrameworkServices.Timers {

    private record Pending(Instant due, Runnable action, boolean[] cancelled) {
    }

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Pending> timers = new ArrayList<>();

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public synchronized Runnable schedule(Duration delay, Runnable action) {
        boolean[] cancelled = {false};
        timers.add(new Pending(now.plus(delay), action, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves time forward and runs every timer that became due. */
    void advance(Duration d) {
        List<Pending> due = new ArrayList<>();
        synchronized (this) {
            now = now.plus(d);
            for (Pending p : List.copyOf(timers)) {
                if (!p.due().isAfter(now)) {
                    timers.remove(p);
                    due.add(p);
                }
            }
        }
        for (Pending p : due) {
            if (!p.cancelled()[0]) {
                p.action().run();
            }
        }
    }
}
