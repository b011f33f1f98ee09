package dev.berth.store.mvcc;

import java.util.Arrays;

/**
 * A growable list of revisions kept as pairs of longs in one array, for lists that live long: a key's revisions in
 * the key index live as long as the key, and a snapshot keeps its list of every stored revision (hundreds of
 * thousands) while it is encoded, a second or more. As {@link Revision} objects they would be copied by every young
 * collection until promoted, and the old key index pointing at new ones would be scanned each time; a primitive
 * array is neither looked into nor, once large, copied. {@link #get} makes a new {@link Revision}, which dies young.
 *
 * <p>Not thread-safe.
 */
final class PackedRevisions {

    /** Main then sub revision of each element; the first {@code 2 * size} longs are in use. */
    private long[] pairs;
    private int size;

    PackedRevisions() {
        this(16);
    }

    PackedRevisions(int capacity) {
        pairs = new long[2 * Math.max(capacity, 1)];
    }

    void add(Revision revision) {
        if (2 * size == pairs.length) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[2 * size] = revision.main();
        pairs[2 * size + 1] = revision.sub();
        size++;
    }

    int size() {
        return size;
    }

    Revision get(int i) {
        checkIndex(i);
        return new Revision(pairs[2 * i], pairs[2 * i + 1]);
    }

    /** The main revision of element {@code i}, without making a {@link Revision} of it. */
    long main(int i) {
        checkIndex(i);
        return pairs[2 * i];
    }

    /** Removes the first {@code n} elements. */
    void dropFirst(int n) {
        if (n < 0 || n > size) {
            throw new IndexOutOfBoundsException("dropping " + n + " of " + size + " revisions");
        }
        System.arraycopy(pairs, 2 * n, pairs, 0, 2 * (size - n));
        size -= n;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("revision " + i + " of " + size);
        }
    }

    /** Sorts the revisions in ascending order: a bottom-up merge sort over the pairs, stable and O(n log n). */
    void sort() {
        long[] from = pairs;
        long[] to = new long[pairs.length];
        for (int width = 1; width < size; width *= 2) {
            for (int lo = 0; lo < size; lo += 2 * width) {
                merge(from, to, lo, Math.min(lo + width, size), Math.min(lo + 2 * width, size));
            }
            long[] sorted = to;
            to = from;
            from = sorted;
        }
        pairs = from;
    }

    /** Merges the sorted runs {@code [lo, mid)} and {@code [mid, hi)} of {@code from} into the same places of {@code to}. */
    private static void merge(long[] from, long[] to, int lo, int mid, int hi) {
        int left = lo;
        int right = mid;
        for (int out = lo; out < hi; out++) {
            boolean takeLeft = right >= hi || (left < mid && !greater(from, left, right));
            int taken = takeLeft ? left++ : right++;
            to[2 * out] = from[2 * taken];
            to[2 * out + 1] = from[2 * taken + 1];
        }
    }

    /** Whether element {@code a} of {@code pairs} comes after element {@code b}. */
    private static boolean greater(long[] pairs, int a, int b) {
        long mainA = pairs[2 * a];
        long mainB = pairs[2 * b];
        return mainA != mainB ? mainA > mainB : pairs[2 * a + 1] > pairs[2 * b + 1];
    }
}
