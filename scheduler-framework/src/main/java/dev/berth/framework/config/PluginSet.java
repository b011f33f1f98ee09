package dev.berth.framework.config;

import java.util.List;

/**
 * The plugins of one extension point: the enabled ones in the order they run, and the names the
 * configuration disabled ({@code "*"} meaning every default).
 */
public record PluginSet(List<PluginRef> enabled, List<String> disabled) {

    private static final PluginSet EMPTY = new PluginSet(List.of(), List.of());

    public PluginSet {
        enabled = List.copyOf(enabled);
        disabled = List.copyOf(disabled);
    }

    /** No plugins enabled or disabled. */
    public static PluginSet empty() {
        return EMPTY;
    }
}
