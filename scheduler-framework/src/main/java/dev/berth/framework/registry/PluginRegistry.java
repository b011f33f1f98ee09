package dev.berth.framework.registry;

import dev.berth.framework.api.PluginFactory;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The plugin factories a scheduler can use, by name (upstream's {@code runtime.Registry}): in-tree
 * ones registered in code, those on the classpath found by {@link ServiceLoader}, and those in the jars
 * of a plugins directory.
 */
public final class PluginRegistry {

    private final Map<String, PluginFactory> factories = new TreeMap<>();
    private final Map<String, String> origins = new TreeMap<>();

    /** An empty registry. */
    public PluginRegistry() {
    }

    /**
     * A registry of every factory visible to {@code loader} through {@link ServiceLoader}.
     *
     * @throws RegistryException if a factory cannot be loaded or two share a name
     */
    public static PluginRegistry fromClasspath(ClassLoader loader) {
        PluginRegistry registry = new PluginRegistry();
        registry.loadFrom(loader, "classpath", false);
        return registry;
    }

    /** Registers one factory; {@code origin} says where it came from, for error messages. */
    public PluginRegistry register(PluginFactory factory, String origin) {
        String name = factory.name();
        if (name == null || name.isBlank()) {
            throw new RegistryException("plugin factory " + factory.getClass().getName() + " from " + origin + " has no name");
        }
        if (factories.containsKey(name)) {
            throw new RegistryException("plugin \"" + name + "\" from " + origin + " is already registered from " + origins.get(name));
        }
        factories.put(name, factory);
        origins.put(name, origin);
        return this;
    }

    /**
     * Adds the factories of every {@code *.jar} in {@code dir}, each jar in a child-first class loader of its own
     * whose parent is {@code parent} (so plugins see the framework API but not each other, and a library a jar
     * bundles wins inside that jar only).
     *
     * @throws RegistryException if the directory cannot be read, a file is not a jar, a jar declares no factory or
     *     another plugin API version ({@link dev.berth.framework.api.PluginApi}), or a factory fails to load
     */
    public PluginRegistry loadPluginsDir(Path dir, ClassLoader parent) {
        if (!Files.isDirectory(dir)) {
            throw new RegistryException("plugins directory " + dir + " does not exist or is not a directory");
        }
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
        } catch (IOException e) {
            throw new RegistryException("cannot list plugins directory " + dir + ": " + e.getMessage(), e);
        }
        for (Path jar : jars) {
            PluginJarInfo.read(jar).check();
            URL url;
            try {
                url = jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new RegistryException("bad plugin jar path " + jar, e);
            }
            ClassLoader jarLoader = new PluginClassLoader("berth-plugin:" + jar.getFileName(), url, parent);
            int loaded = loadFrom(jarLoader, "jar " + jar, true);
            if (loaded == 0) {
                throw new RegistryException("plugin jar " + jar + " declares no " + PluginFactory.class.getName()
                        + " of its own in META-INF/services; add one or remove the jar");
            }
        }
        return this;
    }

    /**
     * Registers the factories {@code loader} sees. For a plugin jar only the jar's own classes count:
     * its parent (the classpath) was scanned already.
     */
    private int loadFrom(ClassLoader loader, String origin, boolean ownClassesOnly) {
        int loaded = 0;
        ServiceLoader<PluginFactory> services = ServiceLoader.load(PluginFactory.class, loader);
        var it = services.stream().iterator();
        while (true) {
            ServiceLoader.Provider<PluginFactory> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                throw new RegistryException("cannot load a plugin factory from " + origin + ": " + e.getMessage(), e);
            }
            if (ownClassesOnly && provider.type().getClassLoader() != loader) {
                continue;
            }
            PluginFactory factory;
            try {
                factory = provider.get();
            } catch (ServiceConfigurationError | RuntimeException e) {
                // ServiceLoader wraps what the constructor threw; that is what the plugin's author needs to see.
                Throwable why = e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
                throw new RegistryException("plugin factory " + provider.type().getName() + " from " + origin
                        + " failed to construct: " + why, e);
            }
            register(factory, origin);
            loaded++;
        }
        return loaded;
    }

    public Optional<PluginFactory> get(String name) {
        return Optional.ofNullable(factories.get(name));
    }

    /** The registered names, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(factories.keySet());
    }

    /** Where {@code name} was registered from ("classpath", "jar ...", or the in-tree origin). */
    public String origin(String name) {
        return origins.get(name);
    }
}
