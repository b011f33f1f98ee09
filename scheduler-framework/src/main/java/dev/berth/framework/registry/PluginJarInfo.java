package dev.berth.framework.registry;

import dev.berth.framework.api.PluginApi;
import dev.berth.framework.api.PluginFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * What a plugin jar declares before any of its classes load: the plugin API version in its manifest and the
 * factories in its service file. Checked first, so that a jar built for another API is refused by name
 * instead of failing with a {@link LinkageError} later.
 *
 * @param jar the jar's path
 * @param apiVersion the {@value PluginApi#MANIFEST_ATTRIBUTE} manifest attribute, or {@code null} without one
 * @param factories the factory class names its {@code META-INF/services} file lists
 */
record PluginJarInfo(Path jar, String apiVersion, List<String> factories) {

    private static final String SERVICE_FILE = "META-INF/services/" + PluginFactory.class.getName();

    PluginJarInfo {
        factories = List.copyOf(factories);
    }

    /** @throws RegistryException if {@code jar} is not a readable jar */
    static PluginJarInfo read(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String version = manifest == null ? null : manifest.getMainAttributes().getValue(PluginApi.MANIFEST_ATTRIBUTE);
            ZipEntry services = file.getEntry(SERVICE_FILE);
            List<String> factories = List.of();
            if (services != null) {
                try (InputStream in = file.getInputStream(services)) {
                    factories = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                            .map(line -> line.replaceAll("#.*", "").strip())
                            .filter(line -> !line.isEmpty())
                            .toList();
                }
            }
            return new PluginJarInfo(jar, version, factories);
        } catch (IOException e) {
            throw new RegistryException("plugin jar " + jar + " is not a readable jar: " + e.getMessage(), e);
        }
    }

    /**
     * @throws RegistryException naming the jar and its factories if it lists none or declares another API version
     */
    void check() {
        if (factories.isEmpty()) {
            throw new RegistryException("plugin jar " + jar + " declares no " + PluginFactory.class.getName()
                    + " in " + SERVICE_FILE + "; add one or remove the jar");
        }
        String serves = "this Berth serves plugin API version " + PluginApi.VERSION;
        if (apiVersion == null) {
            throw new RegistryException("plugin jar " + jar + " (" + String.join(", ", factories) + ") declares no "
                    + PluginApi.MANIFEST_ATTRIBUTE + " in its manifest; " + serves);
        }
        if (!apiVersion.strip().equals(Integer.toString(PluginApi.VERSION))) {
            throw new RegistryException("plugin jar " + jar + " (" + String.join(", ", factories) + ") is built for plugin API version "
                    + apiVersion.strip() + "; " + serves);
        }
    }
}
