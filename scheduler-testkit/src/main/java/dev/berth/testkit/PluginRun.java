package dev.berth.testkit;

import dev.berth.framework.api.PluginFactory;
import dev.berth.framework.config.PluginRef;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.simulate.Scenario;
import dev.berth.framework.simulate.ScenarioReader;
import dev.berth.framework.simulate.SimulationResult;
import dev.berth.framework.simulate.Simulator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Runs one plugin, or a whole profile, over a scenario with {@code berth simulate}'s engine
 * ({@link Simulator}): every node filtered, every feasible node scored, each pod tried once in order.
 *
 * <pre>{@code
 * SimulationResult r = PluginRun.plugin(new MyPlugin.Factory(), Map.of("weight", 2))
 *         .run(TestNode.named("a").build(), TestPod.named("p").build());
 * }</pre>
 */
public final class PluginRun {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final PluginRegistry registry;
    private final SchedulerConfiguration configuration;
    private final Map<String, Class<? extends HasMetadata>> customKinds = new LinkedHashMap<>();

    private PluginRun(PluginRegistry registry, SchedulerConfiguration configuration) {
        this.registry = registry;
        this.configuration = configuration;
    }

    /**
     * The plugin of {@code factory} alone at every extension point it implements (with a FIFO QueueSort and a
     * Bind of the test kit's), in profile {@code default-scheduler}, with {@code args} as its pluginConfig args.
     * The plugin is created when the run starts: invalid args make {@link #run} throw a
     * {@link dev.berth.framework.config.ConfigException} naming the field.
     */
    public static PluginRun plugin(PluginFactory factory, Map<String, ?> args) {
        PluginRegistry registry = new PluginRegistry()
                .register(factory, "test")
                .register(new KitPlugins.QueueSortFactory(), "test kit")
                .register(new KitPlugins.BinderFactory(), "test kit");
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("schedulerName", "default-scheduler");
        profile.put("plugins", Map.of("multiPoint", Map.of("enabled", List.of(
                Map.of("name", factory.name()), Map.of("name", KitPlugins.QUEUE_SORT), Map.of("name", KitPlugins.BINDER)))));
        if (!args.isEmpty()) {
            profile.put("pluginConfig", List.of(Map.of("name", factory.name(), "args", args)));
        }
        Map<String, Object> config = Map.of(
                "apiVersion", "kubescheduler.config.k8s.io/v1",
                "kind", "KubeSchedulerConfiguration",
                "profiles", List.of(profile));
        return new PluginRun(registry, loader(registry, List.of()).parse(YAML.writeValueAsString(config)));
    }

    /** {@link #plugin(PluginFactory, Map)} with no args: every field takes its default. */
    public static PluginRun plugin(PluginFactory factory) {
        return plugin(factory, Map.of());
    }

    /**
     * The profiles of a KubeSchedulerConfiguration (YAML) over the plugins of {@code registry}; a profile that lists
     * no plugins gets {@code defaultMultiPoint} (pass the default profile's set to test next to Berth's defaults).
     */
    public static PluginRun profile(PluginRegistry registry, List<PluginRef> defaultMultiPoint, String configurationYaml) {
        return new PluginRun(registry, loader(registry, defaultMultiPoint).parse(configurationYaml));
    }

    private static SchedulerConfigLoader loader(PluginRegistry registry, List<PluginRef> defaultMultiPoint) {
        return new SchedulerConfigLoader(registry.names(), defaultMultiPoint);
    }

    /** Lets scenarios hold a custom resource of this kind, read as {@code model} (e.g. a PodGroup). */
    public PluginRun customKind(String kind, Class<? extends HasMetadata> model) {
        customKinds.put(kind, model);
        return this;
    }

    /**
     * Schedules the pods among {@code objects} (which the run takes over) and explains every decision.
     *
     * @throws dev.berth.framework.config.ConfigException if a plugin cannot be created (e.g. its args are invalid)
     */
    public SimulationResult run(HasMetadata... objects) {
        return run(Arrays.asList(objects));
    }

    public SimulationResult run(List<? extends HasMetadata> objects) {
        return new Simulator(configuration, registry).run(List.copyOf(objects));
    }

    /**
     * Runs a scenario in {@code berth simulate}'s format (YAML documents of Kubernetes objects). A
     * KubeSchedulerConfiguration in it is ignored: the run's own configuration is the one under test.
     *
     * @throws dev.berth.framework.simulate.ScenarioFormatException naming the document and field at fault
     */
    public SimulationResult runScenario(String source, String yaml) {
        Scenario scenario = new ScenarioReader(source, customKinds).read(yaml);
        return run(scenario.objects());
    }

    /** {@link #runScenario(String, String)} of a classpath resource, e.g. {@code "/scenarios/spread.yaml"}. */
    public SimulationResult runScenarioResource(String resource) {
        try (InputStream in = PluginRun.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario resource " + resource + " on the classpath");
            }
            return runScenario(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario resource " + resource, e);
        }
    }
}
