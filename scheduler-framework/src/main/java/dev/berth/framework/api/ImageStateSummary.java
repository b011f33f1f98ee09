package dev.berth.framework.api;

/** An image present on a node: its size in bytes and on how many nodes of the cluster it is. */
public record ImageStateSummary(long sizeBytes, int numNodes) {
}
