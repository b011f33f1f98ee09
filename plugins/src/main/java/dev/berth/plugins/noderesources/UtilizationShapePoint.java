package dev.berth.plugins.noderesources;

/**
 * One point of the RequestedToCapacityRatio scoring function: at {@code utilization} percent (0..100)
 * a node scores {@code score} (0..10, scaled to 0..100 when scoring).
 */
public record UtilizationShapePoint(int utilization, int score) {
}
