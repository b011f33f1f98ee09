package dev.berth.app;

import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.registry.RegistryException;
import dev.berth.plugins.DefaultPlugins;
import java.nio.file.Path;

/** The plugins every command that schedules starts from: the default set plus the jars of {@code --plugins-dir}. */
public final class PluginSetup {

    private PluginSetup() {
    }

    /**
     * The default plugins, plus those of the jars in {@code pluginsDir} when it is not null.
     *
     * @throws UsageException naming {@code --plugins-dir} and the jar at fault
     */
    public static PluginRegistry registry(Path pluginsDir) {
        PluginRegistry registry = DefaultPlugins.registry(PluginSetup.class.getClassLoader());
        if (pluginsDir == null) {
            return registry;
        }
        try {
            return registry.loadPluginsDir(pluginsDir, PluginSetup.class.getClassLoader());
        } catch (RegistryException e) {
            throw new UsageException("--plugins-dir: " + e.getMessage());
        }
    }

    /** A configuration loader that knows {@code registry}'s plugins and the default profile's multi-point set. */
    public static SchedulerConfigLoader configLoader(PluginRegistry registry) {
        return new SchedulerConfigLoader(registry.names(), DefaultPlugins.multiPoint());
    }
}
