package dev.berth.store.linearizability;

import java.util.Arrays;

/**
 * A set of operations linearized so far on the search's current path, as a bitset over operation ids, with compact
 * immutable snapshots for the memo cache.
 *
 * <p>Ids are assigned in call order, and the search linearizes roughly in call order, so a snapshot is almost always
 * "every id below some bound, plus a few more". A snapshot therefore stores only the count of leading all-ones words
 * and the words after them, which keeps each memo entry a few words long instead of {@code n / 64}: with thousands of
 * operations per partition and one entry per search step, that is the difference between megabytes and gigabytes.
 */
final class LinearizedSet {

    private final long[] words;
    /** {@code words[0, fullWords)} are all ones and {@code words[fullWords]}, if any, is not. */
    private int fullWords;
    /** {@code words[usedWords, length)} are all zero and {@code words[usedWords - 1]}, if any, is not. */
    private int usedWords;

    LinearizedSet(int size) {
        words = new long[(size + 63) >>> 6];
    }

    void add(int id) {
        int w = id >>> 6;
        words[w] |= 1L << id;
        usedWords = Math.max(usedWords, w + 1);
        while (fullWords < words.length && words[fullWords] == -1L) {
            fullWords++;
        }
    }

    void remove(int id) {
        int w = id >>> 6;
        words[w] &= ~(1L << id);
        fullWords = Math.min(fullWords, w);
        while (usedWords > 0 && words[usedWords - 1] == 0) {
            usedWords--;
        }
    }

    boolean contains(int id) {
        return (words[id >>> 6] & 1L << id) != 0;
    }

    /** An immutable copy, equal to another snapshot exactly when they hold the same ids. */
    Snapshot snapshot() {
        return new Snapshot(fullWords, Arrays.copyOfRange(words, fullWords, Math.max(fullWords, usedWords)));
    }

    /** A value copy of a {@link LinearizedSet}; both fields are canonical, so field equality is set equality. */
    static final class Snapshot {
        /** A 64-bit odd constant (the golden ratio), for mixing the words into a hash. */
        private static final long MIX = 0x9E3779B97F4A7C15L;

        private final int fullWords;
        private final long[] rest;
        /**
         * Computed once, and mixed: snapshots in one memo differ in a few low bits, which {@link Arrays#hashCode}
         * would map to a few hash buckets.
         */
        private final int hash;

        private Snapshot(int fullWords, long[] rest) {
            this.fullWords = fullWords;
            this.rest = rest;
            long h = fullWords * MIX;
            for (long word : rest) {
                h = (h ^ word) * MIX;
                h ^= h >>> 32;
            }
            this.hash = (int) h;
        }

        /** Whether every id in this snapshot is also in {@code other}. */
        boolean isSubsetOf(Snapshot other) {
            int words = Math.max(fullWords + rest.length, other.fullWords + other.rest.length);
            for (int i = 0; i < words; i++) {
                if ((word(i) & ~other.word(i)) != 0) {
                    return false;
                }
            }
            return true;
        }

        private long word(int i) {
            if (i < fullWords) {
                return -1L;
            }
            return i - fullWords < rest.length ? rest[i - fullWords] : 0L;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot other && fullWords == other.fullWords && Arrays.equals(rest, other.rest);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
