package dev.berth.framework.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads a {@code KubeSchedulerConfiguration} ({@code kubescheduler.config.k8s.io/v1}): parses the
 * YAML, applies upstream v1's defaults (merging each profile's plugins into the default ones) and
 * validates the result. Every failure is a {@link ConfigException} naming the offending field.
 */
public final class SchedulerConfigLoader {

    // Upstream decodes strictly; a key given twice is as much a mistake as an unknown one.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final ConfigReader reader;

    /**
     * A loader for a registry of plugins.
     *
     * @param knownPlugins the names of the plugins the registry can create; the configuration may name no others
     * @param defaultMultiPoint the default profile's MultiPoint plugins, in order (upstream's
     *     {@code getDefaultPlugins}); every other extension point has no default plugins
     * @throws IllegalArgumentException if a default plugin is not a known one
     */
    public SchedulerConfigLoader(Set<String> knownPlugins, List<PluginRef> defaultMultiPoint) {
        for (PluginRef plugin : defaultMultiPoint) {
            if (!knownPlugins.contains(plugin.name())) {
                throw new IllegalArgumentException("default plugin \"" + plugin.name() + "\" is not a known plugin");
            }
        }
        Map<ExtensionPoint, PluginSet> defaults = new EnumMap<>(ExtensionPoint.class);
        for (ExtensionPoint point : ExtensionPoint.values()) {
            defaults.put(point, PluginSet.empty());
        }
        defaults.put(ExtensionPoint.MULTI_POINT, new PluginSet(defaultMultiPoint, List.of()));
        this.reader = new ConfigReader(new ProfileReader(new KnownPlugins(knownPlugins), defaults));
    }

    /**
     * Loads the configuration in {@code file}.
     *
     * @throws ConfigException if the file cannot be read (with an empty field) or the configuration is invalid
     */
    public SchedulerConfiguration load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read scheduler configuration " + file + ": " + describe(e), e);
        }
        return parse(yaml);
    }

    /**
     * Parses a configuration document.
     *
     * @throws ConfigException if the YAML is malformed (with an empty field) or the configuration is invalid
     */
    public SchedulerConfiguration parse(String yaml) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw YamlErrors.malformed(e);
        }
        ConfigNode root = tree == null ? ConfigNode.absentRoot() : ConfigNode.root(tree);
        return ConfigValidator.validate(reader.readDocument(root));
    }

    /** The configuration when there is no file: one {@code default-scheduler} profile and upstream's defaults. */
    public SchedulerConfiguration defaults() {
        return ConfigValidator.validate(reader.read(ConfigNode.absentRoot()));
    }

    // The JDK's messages for these are only the path, which the caller already shows.
    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }
}
