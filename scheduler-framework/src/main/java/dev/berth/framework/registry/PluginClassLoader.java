package dev.berth.framework.registry;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin jar: child-first, so that a library the jar bundles wins over the
 * scheduler's copy of it inside the plugin, and stays invisible to the scheduler and to other plugins.
 * Only the classes that cross the boundary between scheduler and plugin come from the parent: the JDK,
 * Berth's own classes, the fabric8 model the API passes, Jackson (the scheduler binds plugin args and
 * custom resources with its Jackson, which must see the plugin's annotations) and SLF4J (plugin logs go to
 * the scheduler's log).
 */
final class PluginClassLoader extends URLClassLoader {

    private static final List<String> SHARED_PREFIXES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.",
            "dev.berth.",
            "io.fabric8.kubernetes.api.model.", "io.fabric8.kubernetes.model.",
            "com.fasterxml.jackson.annotation.", "tools.jackson.",
            "org.slf4j.");

    static {
        registerAsParallelCapable();
    }

    PluginClassLoader(String name, URL jar, ClassLoader parent) {
        super(name, new URL[] {jar}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                try {
                    type = findClass(name);
                } catch (ClassNotFoundException notInJar) {
                    type = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
        urls.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(urls);
    }

    private static boolean isShared(String className) {
        for (String prefix : SHARED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
