package dev.berth.plugins.noderesources;

/**
 * Upstream's resource-name classes ({@code v1helper}). Berth's {@link dev.berth.framework.api.Resource}
 * has its own, slightly narrower notion of scalar resources; these are the rules the plugins decide by.
 */
final class ResourceNames {

    private static final String DEFAULT_NAMESPACE_PREFIX = "kubernetes.io/";

    private ResourceNames() {
    }

    /** Native: no domain, or a domain in {@code kubernetes.io}. */
    static boolean isNative(String name) {
        return !name.contains("/") || name.contains(DEFAULT_NAMESPACE_PREFIX);
    }

    /** Extended: a domain-qualified name outside {@code kubernetes.io} (and not a quota name). */
    static boolean isExtended(String name) {
        return !isNative(name) && !name.startsWith("requests.");
    }

    /** Everything upstream keeps in {@code Resource.ScalarResources}. */
    static boolean isScalar(String name) {
        return isExtended(name) || name.startsWith("hugepages-") || name.contains(DEFAULT_NAMESPACE_PREFIX)
                || name.startsWith("attachable-volumes-");
    }

    /** The domain of a qualified name, e.g. {@code example.com} for {@code example.com/gpu}. */
    static String group(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }
}
