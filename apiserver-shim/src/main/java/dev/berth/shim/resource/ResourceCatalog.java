package dev.berth.shim.resource;

import static dev.berth.shim.resource.ResourceType.Subresource.BINDING;
import static dev.berth.shim.resource.ResourceType.Subresource.EVICTION;
import static dev.berth.shim.resource.ResourceType.Subresource.STATUS;

import dev.berth.shim.resource.ResourceType.Subresource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resource types the shim serves, in discovery order: the built-ins of DESIGN.md (what kubectl, the scheduler
 * and its plugins, the node simulator and deploy/ need) and the custom resources of the out-of-tree plugins (PodGroup, ElasticQuota,
 * as kubernetes-sigs/scheduler-plugins defines them).
 */
public final class ResourceCatalog {

    private final List<ResourceType> types;

    private ResourceCatalog(List<ResourceType> types) {
        this.types = List.copyOf(types);
    }

    public static ResourceCatalog standard() {
        List<ResourceType> t = new ArrayList<>();
        t.add(core("namespaces", "namespace", "Namespace", false, List.of("ns"), List.of(), Set.of(STATUS)));
        t.add(core("nodes", "node", "Node", false, List.of("no"), List.of(), Set.of(STATUS)));
        t.add(core("pods", "pod", "Pod", true, List.of("po"), List.of("all"), Set.of(STATUS, BINDING, EVICTION)));
        t.add(core("events", "event", "Event", true, List.of("ev"), List.of(), Set.of()));
        t.add(core("configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of(), Set.of()));
        t.add(core("secrets", "secret", "Secret", true, List.of(), List.of(), Set.of()));
        t.add(core("services", "service", "Service", true, List.of("svc"), List.of("all"), Set.of(STATUS)));
        t.add(core("replicationcontrollers", "replicationcontroller", "ReplicationController", true, List.of("rc"),
                List.of("all"), Set.of(STATUS)));
        t.add(core("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), List.of(), Set.of()));
        t.add(core("persistentvolumes", "persistentvolume", "PersistentVolume", false, List.of("pv"), List.of(),
                Set.of(STATUS)));
        t.add(core("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, List.of("pvc"),
                List.of(), Set.of(STATUS)));
        t.add(of("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), List.of("all"),
                Set.of(STATUS)));
        t.add(of("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), List.of("all"),
                Set.of(STATUS)));
        t.add(of("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, List.of("sts"), List.of("all"),
                Set.of(STATUS)));
        t.add(of("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(), List.of(), Set.of()));
        t.add(of("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"), List.of(), Set.of()));
        t.add(of("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true,
                List.of("pdb"), List.of(), Set.of(STATUS)));
        t.add(rbac("clusterroles", "clusterrole", "ClusterRole", false));
        t.add(rbac("clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false));
        t.add(rbac("roles", "role", "Role", true));
        t.add(rbac("rolebindings", "rolebinding", "RoleBinding", true));
        t.add(of("scheduling.k8s.io", "v1", "priorityclasses", "priorityclass", "PriorityClass", false, List.of("pc"),
                List.of(), Set.of()));
        t.add(of("storage.k8s.io", "v1", "storageclasses", "storageclass", "StorageClass", false, List.of("sc"),
                List.of(), Set.of()));
        t.add(of("storage.k8s.io", "v1", "csinodes", "csinode", "CSINode", false, List.of(), List.of(), Set.of()));
        t.add(of("scheduling.x-k8s.io", "v1alpha1", "podgroups", "podgroup", "PodGroup", true, List.of("pg", "pgs"),
                List.of(), Set.of(STATUS)));
        t.add(of("scheduling.x-k8s.io", "v1alpha1", "elasticquotas", "elasticquota", "ElasticQuota", true,
                List.of("eq", "eqs"), List.of(), Set.of(STATUS)));
        return new ResourceCatalog(t);
    }

    private static ResourceType core(String resource, String singular, String kind, boolean namespaced,
                                     List<String> shortNames, List<String> categories, Set<Subresource> sub) {
        return of("", "v1", resource, singular, kind, namespaced, shortNames, categories, sub);
    }

    private static ResourceType rbac(String resource, String singular, String kind, boolean namespaced) {
        return of("rbac.authorization.k8s.io", "v1", resource, singular, kind, namespaced, List.of(), List.of(),
                Set.of());
    }

    private static ResourceType of(String group, String version, String resource, String singular, String kind,
                                   boolean namespaced, List<String> shortNames, List<String> categories,
                                   Set<Subresource> sub) {
        return new ResourceType(group, version, resource, singular, kind, namespaced, shortNames, categories, sub);
    }

    public List<ResourceType> all() {
        return types;
    }

    /** The type served at {@code group/version/resource}, if any. */
    public Optional<ResourceType> find(String group, String version, String resource) {
        return types.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.resource().equals(resource))
                .findFirst();
    }

    /** The type whose objects carry this {@code apiVersion} and {@code kind}, if any. */
    public Optional<ResourceType> findByKind(String apiVersion, String kind) {
        return types.stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
    }

    /** Group → versions in discovery order; the core group is {@code ""}. */
    public Map<String, List<String>> groupVersions() {
        Map<String, Set<String>> byGroup = new LinkedHashMap<>();
        for (ResourceType type : types) {
            byGroup.computeIfAbsent(type.group(), g -> new LinkedHashSet<>()).add(type.version());
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        byGroup.forEach((group, versions) -> result.put(group, List.copyOf(versions)));
        return Collections.unmodifiableMap(result);
    }

    /** The types of one group version, in discovery order. */
    public List<ResourceType> inGroupVersion(String group, String version) {
        return types.stream().filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
    }
}
