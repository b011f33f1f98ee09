package dev.berth.framework.config;

import java.util.Set;

/** The plugin names the registry knows; a configuration may name no others. */
record KnownPlugins(Set<String> names) {

    KnownPlugins {
        names = Set.copyOf(names);
    }

    /**
     * Checks that {@code name}, read at {@code where}, is a known plugin.
     *
     * @throws ConfigException {@code unknown plugin "X"} at {@code where}
     */
    void require(String name, ConfigNode where) {
        if (!names.contains(name)) {
            throw where.error("unknown plugin \"" + name + "\"");
        }
    }
}
