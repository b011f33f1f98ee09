package dev.berth.shim.storage;

import dev.berth.shim.resource.ResourceType;

/**
 * Where objects live in the store: {@code /registry/<resource>/<namespace>/<name>}, or
 * {@code /registry/<resource>/<name>} when cluster-scoped. Resources of a named group use {@code <resource>.<group>}
 * so that, e.g., core events and events.k8s.io events never share a prefix.
 */
public final class RegistryKeys {
    private static final String ROOT = "/registry/";

    private RegistryKeys() {
    }

    public static String key(ResourceType type, String namespace, String name) {
        return prefix(type, namespace) + name;
    }

    /** The prefix of every object of {@code type} in {@code namespace} ({@code ""}: in every namespace). */
    public static String prefix(ResourceType type, String namespace) {
        String base = ROOT + type.qualifiedName() + "/";
        return type.namespaced() && !namespace.isEmpty() ? base + namespace + "/" : base;
    }
}
