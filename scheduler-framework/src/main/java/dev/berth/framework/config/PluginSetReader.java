package dev.berth.framework.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one extension point's {@code enabled}/{@code disabled} lists as written, checking the plugin
 * names and weights; merging with the defaults is {@link PluginSetMerger}'s job.
 */
final class PluginSetReader {

    /** In a disabled list: every default plugin of the extension point. */
    static final String ALL_DEFAULTS = "*";

    private static final Set<String> SET_FIELDS = Set.of("enabled", "disabled");
    private static final Set<String> PLUGIN_FIELDS = Set.of("name", "weight");

    private final KnownPlugins knownPlugins;

    PluginSetReader(KnownPlugins knownPlugins) {
        this.knownPlugins = knownPlugins;
    }

    /** The set at {@code node}; empty if absent. */
    PluginSet read(ConfigNode node) {
        node.requireFields(SET_FIELDS);
        List<PluginRef> enabled = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode entry : node.field("enabled").elements()) {
            String name = pluginName(entry);
            knownPlugins.require(name, entry);
            ConfigNode weightNode = entry.field("weight");
            int weight = weightNode.intOr(0);
            if (weight < 0) {
                throw weightNode.error("must not be negative, got " + weight);
            }
            if (!seen.add(name)) {
                throw entry.error("plugin \"" + name + "\" is enabled more than once");
            }
            enabled.add(new PluginRef(name, weight));
        }
        List<String> disabled = new ArrayList<>();
        for (ConfigNode entry : node.field("disabled").elements()) {
            String name = pluginName(entry);
            if (!name.equals(ALL_DEFAULTS)) {
                knownPlugins.require(name, entry);
            }
            disabled.add(name);
        }
        return new PluginSet(enabled, disabled);
    }

    private static String pluginName(ConfigNode entry) {
        // A disabled entry has the same schema as an enabled one (upstream's Plugin); its weight means nothing.
        entry.requireFields(PLUGIN_FIELDS);
        return entry.field("name").requiredString();
    }
}
