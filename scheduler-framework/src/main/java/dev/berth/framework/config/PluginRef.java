package dev.berth.framework.config;

import java.util.Objects;

/**
 * A plugin named at an extension point. {@code weight} only matters for Score and MultiPoint; 0 means
 * it was not set, and the framework then uses its own default.
 */
public record PluginRef(String name, int weight) {

    public PluginRef {
        Objects.requireNonNull(name, "name");
    }

    /** A plugin without a weight. */
    public static PluginRef of(String name) {
        return new PluginRef(name, 0);
    }
}
