package dev.berth.shim.admission;

import dev.berth.shim.error.ApiException;
import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decoding kube-apiserver does before anything else: an object whose fields have the wrong JSON types is a 400,
 * never stored. Metadata is checked for every resource; built-in kinds are also decoded into their fabric8 model
 * class, which checks the structure of the whole object (custom resources have no such class).
 */
public final class ObjectDecoding {
    private static final Map<String, String> MODEL_PACKAGES = Map.of(
            "", "io.fabric8.kubernetes.api.model",
            "apps", "io.fabric8.kubernetes.api.model.apps",
            "rbac.authorization.k8s.io", "io.fabric8.kubernetes.api.model.rbac",
            "storage.k8s.io", "io.fabric8.kubernetes.api.model.storage",
            "coordination.k8s.io", "io.fabric8.kubernetes.api.model.coordination.%s",
            "events.k8s.io", "io.fabric8.kubernetes.api.model.events.%s",
            "policy", "io.fabric8.kubernetes.api.model.policy.%s",
            "scheduling.k8s.io", "io.fabric8.kubernetes.api.model.scheduling.%s");
    private static final Map<ResourceType, Optional<Class<?>>> MODELS = new ConcurrentHashMap<>();

    private ObjectDecoding() {
    }

    public static void check(ResourceType type, ObjectNode object) {
        checkMetadata(type, object.path("metadata"));
        Optional<Class<?>> model = MODELS.computeIfAbsent(type, ObjectDecoding::model);
        if (model.isPresent()) {
            try {
                Json.MAPPER.treeToValue(object, model.get());
            } catch (JacksonException e) {
                throw cannotDecode(type, e.getOriginalMessage());
            }
        }
    }

    private static void checkMetadata(ResourceType type, JsonNode metadata) {
        if (metadata.isMissingNode()) {
            return;
        }
        if (!metadata.isObject()) {
            throw cannotDecode(type, "metadata must be an object");
        }
        for (String field : new String[] {"name", "generateName", "namespace", "resourceVersion", "uid"}) {
            JsonNode value = metadata.path(field);
            if (!value.isMissingNode() && !value.isNull() && !value.isString()) {
                throw cannotDecode(type, "metadata." + field + " must be a string");
            }
        }
        for (String field : new String[] {"labels", "annotations"}) {
            JsonNode map = metadata.path(field);
            if (!map.isMissingNode() && !map.isNull()
                    && (!map.isObject() || map.properties().stream().anyMatch(e -> !e.getValue().isString()))) {
                throw cannotDecode(type, "metadata." + field + " must map strings to strings");
            }
        }
        JsonNode finalizers = metadata.path("finalizers");
        if (!finalizers.isMissingNode() && !finalizers.isNull()
                && (!finalizers.isArray() || finalizers.valueStream().anyMatch(f -> !f.isString()))) {
            throw cannotDecode(type, "metadata.finalizers must be a list of strings");
        }
    }

    private static ApiException cannotDecode(ResourceType type, String why) {
        return ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                + type.kind() + ": " + why);
    }

    private static Optional<Class<?>> model(ResourceType type) {
        String pkg = MODEL_PACKAGES.get(type.group());
        if (pkg == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(pkg.formatted(type.version()) + "." + type.kind()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
