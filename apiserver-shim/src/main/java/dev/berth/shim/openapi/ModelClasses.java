package dev.berth.shim.openapi;

import dev.berth.shim.resource.ResourceType;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Optional;

/** The fabric8 model class of a kind; custom resources without one (PodGroup, ElasticQuota) have none. */
final class ModelClasses {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    Optional<Class<? extends KubernetesResource>> forKind(String apiVersion, String kind) {
        Class<? extends KubernetesResource> type = serialization.getRegisteredKubernetesResource(apiVersion, kind);
        return type == null || type.getSimpleName().equals("GenericKubernetesResource")
                ? Optional.empty() : Optional.of(type);
    }

    Optional<Class<? extends KubernetesResource>> forType(ResourceType type) {
        return forKind(type.apiVersion(), type.kind());
    }

    Optional<Class<? extends KubernetesResource>> listOf(ResourceType type) {
        return forKind(type.apiVersion(), type.kind() + "List");
    }
}
