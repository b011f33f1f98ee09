package dev.berth.plugins.noderesources;

/**
 * A resource considered for scoring and its weight (upstream's {@code ResourceSpec}). A missing or
 * zero weight means 1, as upstream's v1 defaulting does.
 */
public record ResourceSpec(String name, int weight) {

    public ResourceSpec {
        weight = weight == 0 ? 1 : weight;
    }
}
