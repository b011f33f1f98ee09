package dev.berth.framework.config;

import dev.berth.framework.api.PluginArgs;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads one entry of {@code profiles}, merging its plugins with the default ones. */
final class ProfileReader {

    private static final Set<String> PROFILE_FIELDS =
            Set.of("schedulerName", "percentageOfNodesToScore", "plugins", "pluginConfig");
    private static final Set<String> EXTENSION_POINT_FIELDS =
            Arrays.stream(ExtensionPoint.values()).map(ExtensionPoint::yamlName).collect(Collectors.toSet());
    private static final Set<String> PLUGIN_CONFIG_FIELDS = Set.of("name", "args");

    private final KnownPlugins knownPlugins;
    private final PluginSetReader pluginSetReader;
    private final Map<ExtensionPoint, PluginSet> defaultPlugins;

    /** {@code defaultPlugins}: every extension point's default set. */
    ProfileReader(KnownPlugins knownPlugins, Map<ExtensionPoint, PluginSet> defaultPlugins) {
        this.knownPlugins = knownPlugins;
        this.pluginSetReader = new PluginSetReader(knownPlugins);
        this.defaultPlugins = new EnumMap<>(defaultPlugins);
    }

    /** The profile at {@code node}; an absent node is the default profile. */
    ProfileConfig read(ConfigNode node) {
        node.requireFields(PROFILE_FIELDS);
        String schedulerName = node.field("schedulerName").stringOr("");
        return new ProfileConfig(
                schedulerName.isEmpty() ? ProfileConfig.DEFAULT_SCHEDULER_NAME : schedulerName,
                node.field("percentageOfNodesToScore").intOr(null),
                readPlugins(node.field("plugins")),
                readPluginConfig(node.field("pluginConfig")));
    }

    private Map<ExtensionPoint, PluginSet> readPlugins(ConfigNode node) {
        node.requireFields(EXTENSION_POINT_FIELDS);
        Map<ExtensionPoint, PluginSet> merged = new EnumMap<>(ExtensionPoint.class);
        for (ExtensionPoint point : ExtensionPoint.values()) {
            PluginSet custom = pluginSetReader.read(node.field(point.yamlName()));
            merged.put(point, PluginSetMerger.merge(defaultPlugins.get(point), custom));
        }
        return merged;
    }

    private Map<String, PluginArgs> readPluginConfig(ConfigNode node) {
        Map<String, PluginArgs> byName = new LinkedHashMap<>();
        for (ConfigNode entry : node.elements()) {
            entry.requireFields(PLUGIN_CONFIG_FIELDS);
            ConfigNode nameNode = entry.field("name");
            String name = nameNode.requiredString();
            knownPlugins.require(name, nameNode);
            // Args stay raw: each plugin decodes and validates its own.
            PluginArgs args = PluginArgs.of(entry.field("args").asMap());
            if (byName.putIfAbsent(name, args) != null) {
                throw nameNode.error("plugin \"" + name + "\" is configured more than once");
            }
        }
        return byName;
    }
}
