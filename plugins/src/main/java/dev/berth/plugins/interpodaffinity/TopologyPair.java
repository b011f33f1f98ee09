package dev.berth.plugins.interpodaffinity;

import java.util.Objects;

/**
 * A topology domain: a node label key and its value, e.g. {@code zone=z1}. The hash is computed once:
 * PreFilter merges one count map per node into a cluster-wide one, hashing pairs thousands of times.
 */
final class TopologyPair {

    private final String key;
    private final String value;
    private final int hash;

    TopologyPair(String key, String value) {
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
        this.hash = 31 * key.hashCode() + value.hashCode();
    }

    String key() {
        return key;
    }

    String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopologyPair p && p.hash == hash && p.key.equals(key) && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
