package dev.berth.framework.api;

/**
 * Creates a plugin for one scheduling profile (upstream's {@code PluginFactory}). Registered by
 * name; the scheduler finds factories on its classpath and in plugin jars through
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.berth.framework.api.PluginFactory}. A factory needs a public
 * no-argument constructor.
 */
public interface PluginFactory {

    /** The plugin name used in the scheduler configuration, e.g. {@code NodeResourcesFit}. */
    String name();

    /**
     * Creates the plugin.
     *
     * @param args the plugin's {@code pluginConfig} args from the configuration (empty if none)
     * @param handle the scheduler's services for this profile
     * @throws InvalidArgsException if {@code args} are invalid; the scheduler reports the field and exits 2
     */
    Plugin create(PluginArgs args, Handle handle);
}
