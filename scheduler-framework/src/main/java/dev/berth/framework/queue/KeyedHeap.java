package dev.berth.framework.queue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A binary min-heap with an index from key to slot, so lookups are O(1) and removal or re-ordering
 * of any element is O(log n) (java.util.PriorityQueue would make those O(n)). Elements the order
 * ranks equal come out in insertion order, which keeps the queue FIFO among equals. Not thread-safe.
 */
final class KeyedHeap<T> {

    /** One slot; {@code seq} is the insertion counter that breaks ties. */
    private static final class Slot<T> {
        private final T value;
        private final long seq;

        Slot(T value, long seq) {
            this.value = value;
            this.seq = seq;
        }
    }

    private final Comparator<Slot<T>> order;
    private final Function<T, String> keyOf;
    private final List<Slot<T>> slots = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private long nextSeq;

    KeyedHeap(Comparator<? super T> order, Function<T, String> keyOf) {
        Comparator<Slot<T>> byValue = (a, b) -> order.compare(a.value, b.value);
        this.order = byValue.thenComparingLong(s -> s.seq);
        this.keyOf = keyOf;
    }

    /** Adds {@code value}, or replaces the element with the same key (keeping its FIFO position). */
    void put(T value) {
        String key = keyOf.apply(value);
        Integer at = index.get(key);
        if (at == null) {
            slots.add(new Slot<>(value, nextSeq++));
            index.put(key, slots.size() - 1);
            siftUp(slots.size() - 1);
        } else {
            slots.set(at, new Slot<>(value, slots.get(at).seq));
            fix(at);
        }
    }

    /** Re-orders the element with {@code key} after its sort fields changed in place. */
    void fix(String key) {
        Integer at = index.get(key);
        if (at != null) {
            fix(at);
        }
    }

    Optional<T> get(String key) {
        Integer at = index.get(key);
        return at == null ? Optional.empty() : Optional.of(slots.get(at).value);
    }

    boolean contains(String key) {
        return index.containsKey(key);
    }

    Optional<T> peek() {
        return slots.isEmpty() ? Optional.empty() : Optional.of(slots.get(0).value);
    }

    Optional<T> poll() {
        return peek().flatMap(head -> remove(keyOf.apply(head)));
    }

    Optional<T> remove(String key) {
        Integer at = index.remove(key);
        if (at == null) {
            return Optional.empty();
        }
        Slot<T> removed = slots.get(at);
        Slot<T> last = slots.remove(slots.size() - 1);
        if (at < slots.size()) {
            place(at, last);
            fix(at);
        }
        return Optional.of(removed.value);
    }

    int size() {
        return slots.size();
    }

    /** A copy of the elements in the order they would be polled. */
    List<T> sorted() {
        return slots.stream().sorted(order).map(s -> s.value).toList();
    }

    private void fix(int at) {
        if (!siftUp(at)) {
            siftDown(at);
        }
    }

    private boolean siftUp(int at) {
        int start = at;
        Slot<T> moving = slots.get(at);
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (order.compare(moving, slots.get(parent)) >= 0) {
                break;
            }
            place(at, slots.get(parent));
            at = parent;
        }
        place(at, moving);
        return at != start;
    }

    private void siftDown(int at) {
        Slot<T> moving = slots.get(at);
        int size = slots.size();
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && order.compare(slots.get(child + 1), slots.get(child)) < 0) {
                child++;
            }
            if (order.compare(slots.get(child), moving) >= 0) {
                break;
            }
            place(at, slots.get(child));
            at = child;
        }
        place(at, moving);
    }

    private void place(int at, Slot<T> slot) {
        slots.set(at, slot);
        index.put(keyOf.apply(slot.value), at);
    }
}
