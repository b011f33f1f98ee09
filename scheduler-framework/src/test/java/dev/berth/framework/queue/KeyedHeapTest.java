package dev.berth.framework.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyedHeapTest {

    /** A mutable element: key and rank. */
    private static final class Item {
        final String key;
        int rank;

        Item(String key, int rank) {
            this.key = key;
            this.rank = rank;
        }
    }

    private final KeyedHeap<Item> heap = new KeyedHeap<>(Comparator.comparingInt((Item i) -> i.rank), i -> i.key);

    private List<String> drain() {
        List<String> keys = new ArrayList<>();
        for (Optional<Item> next = heap.poll(); next.isPresent(); next = heap.poll()) {
            keys.add(next.get().key);
        }
        return keys;
    }

    @Test
    void pollsInOrderAndEqualsInInsertionOrder() {
        heap.put(new Item("c", 3));
        heap.put(new Item("a1", 1));
        heap.put(new Item("b", 2));
        heap.put(new Item("a2", 1));
        heap.put(new Item("a3", 1));

        assertThat(drain()).containsExactly("a1", "a2", "a3", "b", "c");
    }

    @Test
    void removeByKeyKeepsTheRestOrdered() {
        for (int i = 0; i < 10; i++) {
            heap.put(new Item("k" + i, 10 - i));
        }

        assertThat(heap.remove("k3")).map(i -> i.key).contains("k3");
        assertThat(heap.remove("k3")).isEmpty();
        assertThat(heap.contains("k3")).isFalse();
        assertThat(drain()).containsExactly("k9", "k8", "k7", "k6", "k5", "k4", "k2", "k1", "k0");
    }

    @Test
    void fixReordersAnElementChangedInPlace() {
        Item a = new Item("a", 1);
        heap.put(a);
        heap.put(new Item("b", 2));
        heap.put(new Item("c", 3));

        a.rank = 5;
        heap.fix("a");

        assertThat(drain()).containsExactly("b", "c", "a");
    }

    @Test
    void putWithKnownKeyReplacesTheElement() {
        heap.put(new Item("a", 1));
        heap.put(new Item("b", 2));
        heap.put(new Item("a", 3));

        assertThat(heap.size()).isEqualTo(2);
        assertThat(heap.get("a")).map(i -> i.rank).contains(3);
        assertThat(drain()).containsExactly("b", "a");
    }

    @Test
    void staysConsistentUnderRandomOperations() {
        Random random = new Random(42);
        List<Item> live = new ArrayList<>();
        for (int step = 0; step < 2000; step++) {
            int op = random.nextInt(3);
            if (op == 0 || live.isEmpty()) {
                Item item = new Item("k" + step, random.nextInt(50));
                live.add(item);
                heap.put(item);
            } else if (op == 1) {
                Item item = live.remove(random.nextInt(live.size()));
                assertThat(heap.remove(item.key)).isPresent();
            } else {
                Item item = live.get(random.nextInt(live.size()));
                item.rank = random.nextInt(50);
                heap.fix(item.key);
            }
        }

        List<Integer> ranks = new ArrayList<>();
        for (Optional<Item> next = heap.poll(); next.isPresent(); next = heap.poll()) {
            ranks.add(next.get().rank);
        }
        assertThat(ranks).hasSize(live.size()).isSorted();
    }
}
