package dev.berth.app.up;

import dev.berth.app.PluginSetup;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.registry.PluginRegistry;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What {@code berth up}'s scheduler runs: the in-tree plugins plus those of {@code --plugins-dir}'s jars, and the
 * profiles of {@code --config} or else the built-in ones, whose {@code berth} profile enables every plugin the jars
 * brought. Built before the cluster starts, so a broken jar or configuration stops {@code berth up} at once.
 *
 * @param registry the plugins
 * @param config the profiles
 */
public record UpScheduling(PluginRegistry registry, SchedulerConfiguration config) {

    /**
     * Upstream's default profile, and under Berth's own name the same plugins plus Coscheduling (gangs) and the
     * plugins of {@code --plugins-dir} ({@code %s}). Every profile shares one queue, so both sort it with
     * Coscheduling's QueueSort, as scheduler-plugins configures it: by priority, then by group, which keeps a gang's
     * pods together and leaves pods of no group in priority order.
     */
    static final String PROFILES = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            leaderElection:
              leaderElect: false
            profiles:
            - schedulerName: default-scheduler
              plugins:
                queueSort:
                  enabled: [{name: Coscheduling}]
                  disabled: [{name: "*"}]
            - schedulerName: berth
              plugins:
                queueSort:
                  enabled: [{name: Coscheduling}]
                  disabled: [{name: "*"}]
                multiPoint:
                  enabled: [{name: Coscheduling}%s]
            """;

    /**
     * The plugins and profiles of {@code berth up}'s flags; {@code pluginsDir} and {@code configFile} may be null.
     *
     * @throws dev.berth.app.UsageException naming {@code --plugins-dir} and the jar at fault
     * @throws dev.berth.framework.config.ConfigException naming the field of {@code --config} or of a plugin's args
     */
    public static UpScheduling load(Path pluginsDir, Path configFile) {
        PluginRegistry registry = PluginSetup.registry(pluginsDir);
        SchedulerConfigLoader loader = PluginSetup.configLoader(registry);
        if (configFile != null) {
            return new UpScheduling(registry, loader.load(configFile));
        }
        Set<String> fromJars = new TreeSet<>(registry.names());
        fromJars.removeAll(PluginSetup.registry(null).names());
        return new UpScheduling(registry, loader.parse(profiles(fromJars)));
    }

    /** The built-in profiles with {@code extraPlugins} enabled at every point of the {@code berth} profile. */
    static String profiles(Collection<String> extraPlugins) {
        return PROFILES.formatted(extraPlugins.stream().map(name -> ", {name: " + quoted(name) + "}").collect(Collectors.joining()));
    }

    // A plugin's name is its author's string; a YAML double-quoted scalar takes any of them.
    private static String quoted(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
