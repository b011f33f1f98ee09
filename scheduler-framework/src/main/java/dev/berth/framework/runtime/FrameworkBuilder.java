package dev.berth.framework.runtime;

import dev.berth.framework.api.BindPlugin;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.InvalidArgsException;
import dev.berth.framework.api.PermitPlugin;
import dev.berth.framework.api.Plugin;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.PluginFactory;
import dev.berth.framework.api.PostBindPlugin;
import dev.berth.framework.api.PostFilterPlugin;
import dev.berth.framework.api.PreBindPlugin;
import dev.berth.framework.api.PreEnqueuePlugin;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreScorePlugin;
import dev.berth.framework.api.QueueSortPlugin;
import dev.berth.framework.api.ReservePlugin;
import dev.berth.framework.api.ScorePlugin;
import dev.berth.framework.config.ConfigException;
import dev.berth.framework.config.ExtensionPoint;
import dev.berth.framework.config.PluginRef;
import dev.berth.framework.config.PluginSet;
import dev.berth.framework.config.ProfileConfig;
import dev.berth.framework.registry.PluginRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one profile's {@link Framework} from its configuration (upstream's {@code NewFramework}):
 * instantiates each needed plugin once, fills the extension points that name plugins explicitly,
 * expands {@code multiPoint} into every point a plugin implements (explicit settings win), and checks
 * the profile is complete. Errors name the configuration field at fault.
 */
public final class FrameworkBuilder {

    /** Upstream's cap on the sum of weight × 100 over Score plugins. */
    private static final long MAX_TOTAL_SCORE = Long.MAX_VALUE;

    private static final List<ExtensionPoint> POINTS = List.of(ExtensionPoint.PRE_ENQUEUE, ExtensionPoint.QUEUE_SORT,
            ExtensionPoint.PRE_FILTER, ExtensionPoint.FILTER, ExtensionPoint.POST_FILTER, ExtensionPoint.PRE_SCORE,
            ExtensionPoint.SCORE, ExtensionPoint.RESERVE, ExtensionPoint.PERMIT, ExtensionPoint.PRE_BIND,
            ExtensionPoint.BIND, ExtensionPoint.POST_BIND);

    private final PluginRegistry registry;

    public FrameworkBuilder(PluginRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param profileIndex the profile's index in the configuration, for error paths
     * @param globalPercentageOfNodesToScore used when the profile sets none
     * @throws ConfigException naming the field at fault
     */
    public Framework build(int profileIndex, ProfileConfig profile, int globalPercentageOfNodesToScore,
                           FrameworkServices services) {
        String base = "profiles[" + profileIndex + "]";
        int percentage = profile.percentageOfNodesToScore() == null ? globalPercentageOfNodesToScore
                : profile.percentageOfNodesToScore();
        Framework fwk = new Framework(profile.schedulerName(), percentage, services);
        Map<String, Plugin> plugins = instantiate(base, profile, fwk);
        plugins.values().forEach(fwk::addPlugin);

        Map<ExtensionPoint, List<Plugin>> resolved = new LinkedHashMap<>();
        for (ExtensionPoint point : POINTS) {
            resolved.put(point, resolvePoint(base, point, profile, plugins));
        }
        List<Plugin> queueSort = resolved.get(ExtensionPoint.QUEUE_SORT);
        if (queueSort.size() != 1) {
            throw new ConfigException(base + ".plugins.queueSort", "only one queue sort plugin required for profile with scheduler name \""
                    + profile.schedulerName() + "\", but got " + queueSort.size());
        }
        if (resolved.get(ExtensionPoint.BIND).isEmpty()) {
            throw new ConfigException(base + ".plugins.bind", "at least one bind plugin is needed for profile with scheduler name \""
                    + profile.schedulerName() + "\"");
        }
        fwk.setQueueSort((QueueSortPlugin) queueSort.get(0));
        resolved.get(ExtensionPoint.PRE_ENQUEUE).forEach(p -> fwk.preEnqueueList().add((PreEnqueuePlugin) p));
        resolved.get(ExtensionPoint.PRE_FILTER).forEach(p -> fwk.preFilterList().add((PreFilterPlugin) p));
        resolved.get(ExtensionPoint.FILTER).forEach(p -> fwk.filterList().add((FilterPlugin) p));
        resolved.get(ExtensionPoint.POST_FILTER).forEach(p -> fwk.postFilterList().add((PostFilterPlugin) p));
        resolved.get(ExtensionPoint.PRE_SCORE).forEach(p -> fwk.preScoreList().add((PreScorePlugin) p));
        resolved.get(ExtensionPoint.RESERVE).forEach(p -> fwk.reserveList().add((ReservePlugin) p));
        resolved.get(ExtensionPoint.PERMIT).forEach(p -> fwk.permitList().add((PermitPlugin) p));
        resolved.get(ExtensionPoint.PRE_BIND).forEach(p -> fwk.preBindList().add((PreBindPlugin) p));
        resolved.get(ExtensionPoint.BIND).forEach(p -> fwk.bindList().add((BindPlugin) p));
        resolved.get(ExtensionPoint.POST_BIND).forEach(p -> fwk.postBindList().add((PostBindPlugin) p));
        Map<String, Integer> weights = scoreWeights(base, profile, plugins);
        for (Plugin p : resolved.get(ExtensionPoint.SCORE)) {
            fwk.addScore((ScorePlugin) p, weights.getOrDefault(p.name(), 1));
        }
        return fwk;
    }

    /** Creates every plugin named in an enabled list, once, with its args. */
    /** " (from jar J)" for a plugin from a plugin jar, so its author knows which jar to fix; empty for in-tree ones. */
    private String jarOf(String name) {
        String origin = registry.origin(name);
        return origin != null && origin.startsWith("jar ") ? " (from " + origin + ")" : "";
    }

    private Map<String, Plugin> instantiate(String base, ProfileConfig profile, Framework handle) {
        Set<String> needed = new LinkedHashSet<>();
        for (PluginSet set : profile.plugins().values()) {
            set.enabled().forEach(ref -> needed.add(ref.name()));
        }
        List<String> configured = new ArrayList<>(profile.pluginConfig().keySet());
        Map<String, Plugin> out = new LinkedHashMap<>();
        for (String name : needed) {
            PluginFactory factory = registry.get(name).orElseThrow(() ->
                    new ConfigException(base + ".plugins", "unknown plugin \"" + name + "\""));
            int argsIndex = configured.indexOf(name);
            String argsField = argsIndex >= 0 ? base + ".pluginConfig[" + argsIndex + "].args" : base + ".pluginConfig";
            PluginArgs args = profile.argsFor(name);
            Plugin plugin;
            try {
                plugin = factory.create(args, handle);
            } catch (InvalidArgsException e) {
                String field = e.field() == null || e.field().isEmpty() ? argsField : argsField + "." + e.field();
                throw new ConfigException(field, "invalid args for plugin \"" + name + "\"" + jarOf(name) + ": " + e.getMessage());
            } catch (RuntimeException | LinkageError e) {
                throw new ConfigException(base + ".plugins", "plugin \"" + name + "\" (from " + registry.origin(name)
                        + ") failed to start: " + e);
            }
            if (plugin == null || !name.equals(plugin.name())) {
                throw new ConfigException(base + ".plugins", "plugin factory \"" + name + "\" (from " + registry.origin(name)
                        + ") created " + (plugin == null ? "nothing" : "a plugin named \"" + plugin.name() + "\""));
            }
            out.put(name, plugin);
        }
        return out;
    }

    /**
     * One extension point's plugins in run order, as upstream orders them: explicitly configured
     * plugins that override a multiPoint entry, then the multiPoint plugins that implement the point,
     * then the remaining explicitly configured ones.
     */
    private static List<Plugin> resolvePoint(String base, ExtensionPoint point, ProfileConfig profile, Map<String, Plugin> plugins) {
        PluginSet explicit = profile.plugins().get(point);
        String field = base + ".plugins." + point.yamlName();
        LinkedHashSet<String> enabled = new LinkedHashSet<>();
        for (int i = 0; i < explicit.enabled().size(); i++) {
            String name = explicit.enabled().get(i).name();
            if (!pluginType(point).isInstance(plugins.get(name))) {
                throw new ConfigException(field + ".enabled[" + i + "]", "plugin \"" + name + "\" does not extend "
                        + pluginType(point).getSimpleName().replace("Plugin", "") + " plugin");
            }
            enabled.add(name);
        }
        Set<String> disabled = Set.copyOf(explicit.disabled());
        if (disabled.contains("*")) {
            return enabled.stream().map(plugins::get).toList();
        }
        LinkedHashSet<String> overrides = new LinkedHashSet<>();
        LinkedHashSet<String> fromMultiPoint = new LinkedHashSet<>();
        List<PluginRef> multi = profile.plugins().get(ExtensionPoint.MULTI_POINT).enabled();
        for (int i = 0; i < multi.size(); i++) {
            String name = multi.get(i).name();
            if (!pluginType(point).isInstance(plugins.get(name)) || disabled.contains(name)) {
                continue;
            }
            if (enabled.contains(name)) {
                overrides.add(name);
            } else if (!fromMultiPoint.add(name)) {
                throw new ConfigException(base + ".plugins.multiPoint.enabled[" + i + "]", "plugin \"" + name
                        + "\" already registered as \"" + pluginType(point).getSimpleName() + "\"");
            }
        }
        List<Plugin> ordered = new ArrayList<>();
        for (String name : enabled) {
            if (overrides.contains(name)) {
                ordered.add(plugins.get(name));
            }
        }
        fromMultiPoint.forEach(name -> ordered.add(plugins.get(name)));
        for (String name : enabled) {
            if (!overrides.contains(name)) {
                ordered.add(plugins.get(name));
            }
        }
        return ordered;
    }

    /** The interface a plugin must implement to serve {@code point}. */
    private static Class<? extends Plugin> pluginType(ExtensionPoint point) {
        return switch (point) {
            case PRE_ENQUEUE -> PreEnqueuePlugin.class;
            case QUEUE_SORT -> QueueSortPlugin.class;
            case PRE_FILTER -> PreFilterPlugin.class;
            case FILTER -> FilterPlugin.class;
            case POST_FILTER -> PostFilterPlugin.class;
            case PRE_SCORE -> PreScorePlugin.class;
            case SCORE -> ScorePlugin.class;
            case RESERVE -> ReservePlugin.class;
            case PERMIT -> PermitPlugin.class;
            case PRE_BIND -> PreBindPlugin.class;
            case BIND -> BindPlugin.class;
            case POST_BIND -> PostBindPlugin.class;
            case MULTI_POINT -> Plugin.class;
        };
    }

    /** Score weights: the score point's own setting wins over multiPoint's; 0 means 1. */
    private static Map<String, Integer> scoreWeights(String base, ProfileConfig profile, Map<String, Plugin> plugins) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        List<PluginRef> refs = new ArrayList<>(profile.plugins().get(ExtensionPoint.SCORE).enabled());
        refs.addAll(profile.plugins().get(ExtensionPoint.MULTI_POINT).enabled());
        long total = 0;
        for (PluginRef ref : refs) {
            if (!(plugins.get(ref.name()) instanceof ScorePlugin) || weights.containsKey(ref.name())) {
                continue;
            }
            int weight = ref.weight() == 0 ? 1 : ref.weight();
            if ((long) weight * ScorePlugin.MAX_NODE_SCORE > MAX_TOTAL_SCORE - total) {
                throw new ConfigException(base + ".plugins.score", "total score of Score plugins could overflow");
            }
            total += (long) weight * ScorePlugin.MAX_NODE_SCORE;
            weights.put(ref.name(), weight);
        }
        return weights;
    }
}
