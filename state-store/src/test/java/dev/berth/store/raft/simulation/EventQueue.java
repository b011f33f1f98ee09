package dev.berth.store.raft.simulation;

import java.util.PriorityQueue;

/**
 * Simulated time: events run in (time, insertion) order, one at a time, so a run depends only on its
 * seed. Time is in milliseconds.
 */
final class EventQueue {
    private record Scheduled(long time, long seq, Runnable action) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long now;
    private long seq;
    private long executed;

    long now() {
        return now;
    }

    long executed() {
        return executed;
    }

    void at(long time, Runnable action) {
        queue.add(new Scheduled(Math.max(time, now), seq++, action));
    }

    void after(long delay, Runnable action) {
        at(now + delay, action);
    }

    /** Runs the next event; false when none is due at or before {@code until}. */
    boolean runNext(long until) {
        Scheduled next = queue.peek();
        if (next == null || next.time > until) {
            now = Math.max(now, until);
            return false;
        }
        queue.poll();
        now = next.time;
        executed++;
        next.action.run();
        return true;
    }
}
