package dev.berth.plugins.noderesources;

/** The resource-name rule the NodeResources plugins add to {@link dev.berth.framework.api.Resource}'s. */
final class ResourceNames {

    private ResourceNames() {
    }

    /** The domain of a qualified name, e.g. {@code example.com} for {@code example.com/gpu}. */
    static String group(String name) {
        int slash = name.indexOf('/');
        return slash < 0 ? name : name.substring(0, slash);
    }
}
