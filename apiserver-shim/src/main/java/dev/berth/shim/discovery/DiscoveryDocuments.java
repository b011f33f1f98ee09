package dev.berth.shim.discovery;

import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.resource.ResourceType.Subresource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents kubectl and client libraries read before anything else: /version, /api (APIVersions),
 * /apis (APIGroupList), /apis/&lt;group&gt; (APIGroup) and each group version's APIResourceList, all derived from
 * the catalog so discovery and the served routes cannot disagree.
 */
public final class DiscoveryDocuments {
    public static final String GIT_VERSION = "v1.32.0-berth";
    private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

    private final ResourceCatalog catalog;

    public DiscoveryDocuments(ResourceCatalog catalog) {
        this.catalog = catalog;
    }

    public static ObjectNode version() {
        ObjectNode version = Json.object();
        version.put("major", "1");
        version.put("minor", "32");
        version.put("gitVersion", GIT_VERSION);
        version.put("gitCommit", "");
        version.put("gitTreeState", "clean");
        version.put("buildDate", "2026-01-01T00:00:00Z");
        version.put("goVersion", "java" + Runtime.version().feature());
        version.put("compiler", "berth");
        version.put("platform", System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/" + System.getProperty("os.arch"));
        return version;
    }

    /** /api: the core group's versions; {@code serverAddress} is where clients reach this server. */
    public ObjectNode coreVersions(String serverAddress) {
        ObjectNode versions = Json.object();
        versions.put("kind", "APIVersions");
        ArrayNode list = versions.putArray("versions");
        catalog.groupVersions().getOrDefault("", List.of()).forEach(list::add);
        ObjectNode address = versions.putArray("serverAddressByClientCIDRs").addObject();
        address.put("clientCIDR", "0.0.0.0/0");
        address.put("serverAddress", serverAddress);
        return versions;
    }

    public ObjectNode groups() {
        ObjectNode groups = Json.object();
        groups.put("kind", "APIGroupList");
        groups.put("apiVersion", "v1");
        ArrayNode list = groups.putArray("groups");
        for (Map.Entry<String, List<String>> entry : catalog.groupVersions().entrySet()) {
            if (!entry.getKey().isEmpty()) {
                list.add(group(entry.getKey(), entry.getValue()));
            }
        }
        return groups;
    }

    /** /apis/&lt;group&gt;, if the group is served. */
    public Optional<ObjectNode> group(String name) {
        List<String> versions = name.isEmpty() ? null : catalog.groupVersions().get(name);
        if (versions == null) {
            return Optional.empty();
        }
        ObjectNode group = group(name, versions);
        group.put("kind", "APIGroup");
        group.put("apiVersion", "v1");
        return Optional.of(group);
    }

    /** The APIResourceList of one group version, if served. */
    public Optional<ObjectNode> resources(String group, String version) {
        List<ResourceType> types = catalog.inGroupVersion(group, version);
        if (types.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode list = Json.object();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", types.get(0).apiVersion());
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : types) {
            ObjectNode resource = resource(resources, type.resource(), type.singular(), type.namespaced(), type.kind(),
                    ResourceType.VERBS);
            if (!type.shortNames().isEmpty()) {
                type.shortNames().forEach(resource.putArray("shortNames")::add);
            }
            if (!type.categories().isEmpty()) {
                type.categories().forEach(resource.putArray("categories")::add);
            }
            for (Subresource sub : Subresource.values()) {
                if (type.has(sub)) {
                    subresource(resources, type, sub);
                }
            }
        }
        return Optional.of(list);
    }

    private static void subresource(ArrayNode resources, ResourceType type, Subresource sub) {
        String name = type.resource() + "/" + sub.path();
        switch (sub) {
            case STATUS -> resource(resources, name, "", type.namespaced(), type.kind(), STATUS_VERBS);
            case BINDING -> resource(resources, name, "", type.namespaced(), "Binding", List.of("create"));
            case EVICTION -> {
                ObjectNode eviction = resource(resources, name, "", type.namespaced(), "Eviction", List.of("create"));
                eviction.put("group", "policy");
                eviction.put("version", "v1");
            }
        }
    }

    private static ObjectNode resource(ArrayNode resources, String name, String singular, boolean namespaced,
                                       String kind, List<String> verbs) {
        ObjectNode resource = resources.addObject();
        resource.put("name", name);
        resource.put("singularName", singular);
        resource.put("namespaced", namespaced);
        resource.put("kind", kind);
        verbs.forEach(resource.putArray("verbs")::add);
        return resource;
    }

    private static ObjectNode group(String name, List<String> versions) {
        ObjectNode group = Json.object();
        group.put("name", name);
        ArrayNode list = group.putArray("versions");
        for (String version : versions) {
            ObjectNode v = list.addObject();
            v.put("groupVersion", name + "/" + version);
            v.put("version", version);
        }
        ObjectNode preferred = group.putObject("preferredVersion");
        preferred.put("groupVersion", name + "/" + versions.get(0));
        preferred.put("version", versions.get(0));
        return group;
    }
}
