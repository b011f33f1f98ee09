package dev.berth.shim.resource;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One kind of object the shim serves, described the way discovery describes it: group/version, the plural
 * resource name used in URLs, kind, scope, short names and verbs, plus the subresources it has.
 *
 * @param group        API group, {@code ""} for the core group
 * @param version      API version within the group ({@code v1}, {@code v1alpha1}, …)
 * @param resource     plural lower-case name used in URLs and as the storage prefix ({@code pods})
 * @param singular     singular lower-case name ({@code pod})
 * @param kind         the object's {@code kind} ({@code Pod})
 * @param namespaced   whether objects live in a namespace
 * @param shortNames   kubectl's short names ({@code po})
 * @param categories   discovery categories ({@code all})
 * @param subresources subresources served under the object ({@code status}, {@code binding}, {@code eviction})
 */
public record ResourceType(String group, String version, String resource, String singular, String kind,
                           boolean namespaced, List<String> shortNames, List<String> categories,
                           Set<Subresource> subresources) {

    /** The verbs every resource type serves (discovery lists them; RBAC manifests name them). */
    public static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    public ResourceType {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(singular, "singular");
        Objects.requireNonNull(kind, "kind");
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        subresources = Set.copyOf(subresources);
    }

    /** {@code v1} for the core group, {@code group/version} otherwise: the object's {@code apiVersion}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The URL prefix of the group version: {@code /api/v1} or {@code /apis/group/version}. */
    public String groupVersionPath() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /** {@code pods} for core resources, {@code leases.coordination.k8s.io} otherwise (as RBAC and kubectl name them). */
    public String qualifiedName() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    /**
     * Whether a delete that removes the object answers with the object (pods, namespaces, custom resources) rather
     * than a Success Status naming it, as kube-apiserver's registries do.
     */
    public boolean returnsDeletedObject() {
        boolean custom = group.endsWith(".x-k8s.io") || (group.contains(".") && !group.endsWith(".k8s.io"));
        return custom || (group.isEmpty() && (resource.equals("pods") || resource.equals("namespaces")));
    }

    public boolean has(Subresource subresource) {
        return subresources.contains(subresource);
    }

    /** A subresource served under an object's URL. */
    public enum Subresource {
        STATUS("status"), BINDING("binding"), EVICTION("eviction");

        private final String path;

        Subresource(String path) {
            this.path = path;
        }

        /** The last URL segment: {@code /api/v1/namespaces/ns/pods/name/<path>}. */
        public String path() {
            return path;
        }
    }
}
