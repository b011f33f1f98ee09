package dev.berth.plugins.interpodaffinity;

/** A topology domain: a node label key and its value, e.g. {@code zone=z1}. */
record TopologyPair(String key, String value) {
}
