package dev.berth.framework.config;

import dev.berth.framework.api.PluginArgs;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One scheduling profile.
 *
 * @param schedulerName the name pods select the profile by ({@code spec.schedulerName})
 * @param percentageOfNodesToScore the profile's own value, or {@code null} to use the global one
 * @param plugins every extension point's plugins, already merged with the defaults
 * @param pluginConfig plugin name to its args, in configuration order
 */
public record ProfileConfig(String schedulerName, Integer percentageOfNodesToScore,
                            Map<ExtensionPoint, PluginSet> plugins, Map<String, PluginArgs> pluginConfig) {

    /** The name of the profile a configuration without profiles gets (upstream's {@code DefaultSchedulerName}). */
    public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";

    public ProfileConfig {
        Objects.requireNonNull(schedulerName, "schedulerName");
        EnumSet<ExtensionPoint> missing = EnumSet.allOf(ExtensionPoint.class);
        missing.removeAll(plugins.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("plugins has no entry for " + missing);
        }
        plugins = Collections.unmodifiableMap(new EnumMap<>(plugins));
        pluginConfig = Collections.unmodifiableMap(new LinkedHashMap<>(pluginConfig));
    }

    /** The args configured for {@code pluginName}, or {@link PluginArgs#empty()} if it has none. */
    public PluginArgs argsFor(String pluginName) {
        return pluginConfig.getOrDefault(pluginName, PluginArgs.empty());
    }
}
