package dev.berth.shim.select;

import dev.berth.shim.resource.ResourceType;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The fields each resource can be selected by (kube-apiserver's field label conversion functions). */
public final class FieldLabels {
    private static final Set<String> EVERY_RESOURCE = Set.of("metadata.name", "metadata.namespace");
    private static final Map<String, Set<String>> BY_RESOURCE = Map.of(
            "pods", Set.of("spec.nodeName", "spec.schedulerName", "spec.restartPolicy", "spec.serviceAccountName",
                    "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"),
            "nodes", Set.of("spec.unschedulable"),
            "namespaces", Set.of("status.phase"),
            "secrets", Set.of("type"),
            "events", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                    "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                    "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"),
            "persistentvolumeclaims", Set.of("status.phase"));

    private FieldLabels() {
    }

    public static Set<String> of(ResourceType type) {
        Set<String> fields = new HashSet<>(EVERY_RESOURCE);
        fields.addAll(BY_RESOURCE.getOrDefault(type.qualifiedName(), Set.of()));
        return fields;
    }
}
