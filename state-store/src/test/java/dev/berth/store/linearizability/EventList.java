package dev.berth.store.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The call and return events of the known-outcome operations not yet linearized, in time order, as a doubly linked
 * list whose entries can be removed and put back in O(1) ("dancing links"): linearizing an operation lifts its two
 * events out, and backtracking restores them exactly where they were.
 *
 * <p>Operations with unknown outcomes have no events here: they never return, so they never bound what may go next,
 * and the search keeps them apart (see {@link PartitionSearch}).
 *
 * <p>At equal times, calls sort before returns, so an operation returning at {@code t} and another called at
 * {@code t} count as concurrent, either may be linearized first. This is porcupine's choice and the permissive one:
 * the checker never reports a violation that depends on how a tie was broken, at the cost of missing one that only a
 * finer clock would show. A recorder that knows the true order (a simulation does) should give every event a
 * distinct time. Client ids are deliberately not used to break ties.
 */
final class EventList {

    /** One call or return event. Links are managed by the list. */
    static final class Entry {
        private final int opId;
        private final Entry match;
        private Entry prev;
        private Entry next;

        private Entry(int opId, Entry match) {
            this.opId = opId;
            this.match = match;
        }

        int opId() {
            return opId;
        }

        boolean isCall() {
            return match != null;
        }

        /** The next event still in the list, or {@code null} at the end. */
        Entry next() {
            return next;
        }
    }

    private record Event(long time, boolean isCall, int opId) {
    }

    private static final Comparator<Event> ORDER = Comparator.comparingLong(Event::time)
            .thenComparing(e -> !e.isCall())
            .thenComparingInt(Event::opId);

    private final Entry head = new Entry(-1, null);

    /** The events of the known-outcome operations in {@code ops}, where an operation's id is its index in the list. */
    EventList(List<? extends Operation<?, ?>> ops) {
        List<Event> events = new ArrayList<>(2 * ops.size());
        for (int id = 0; id < ops.size(); id++) {
            if (!ops.get(id).outcomeUnknown()) {
                events.add(new Event(ops.get(id).callTime(), true, id));
                events.add(new Event(ops.get(id).returnTime(), false, id));
            }
        }
        events.sort(ORDER);
        Entry[] returns = new Entry[ops.size()];
        Entry last = head;
        for (Event event : events) {
            int id = event.opId();
            if (returns[id] == null) {
                returns[id] = new Entry(id, null);
            }
            Entry entry = event.isCall() ? new Entry(id, returns[id]) : returns[id];
            last.next = entry;
            entry.prev = last;
            last = entry;
        }
    }

    /** The earliest event still in the list, or {@code null} if it is empty. */
    Entry first() {
        return head.next;
    }

    /**
     * The earliest return event still in the list: the operations whose calls come before it are exactly those that
     * may be linearized next. {@code null} if the list is empty.
     */
    Entry firstReturn() {
        Entry entry = head.next;
        while (entry != null && entry.isCall()) {
            entry = entry.next;
        }
        return entry;
    }

    /** Removes a call event and its return event. */
    void lift(Entry call) {
        unlink(call);
        unlink(call.match);
    }

    /** Puts back the events of the operation most recently lifted and not yet put back. */
    void unlift(Entry call) {
        relink(call.match);
        relink(call);
    }

    private static void unlink(Entry entry) {
        entry.prev.next = entry.next;
        if (entry.next != null) {
            entry.next.prev = entry.prev;
        }
    }

    private static void relink(Entry entry) {
        entry.prev.next = entry;
        if (entry.next != null) {
            entry.next.prev = entry;
        }
    }
}
