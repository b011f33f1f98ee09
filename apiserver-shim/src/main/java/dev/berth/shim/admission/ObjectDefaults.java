package dev.berth.shim.admission;

import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceType;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defaults kube-apiserver fills in on create (its defaulting functions and admission), for the fields the
 * scheduler and kubectl read: a pod's scheduler, restart policy, grace period, requests defaulted from limits,
 * unreachable-node tolerations, Pending phase and QoS class; a namespace's finalizer and Active phase.
 */
public final class ObjectDefaults {
    private static final long DEFAULT_GRACE_SECONDS = 30;
    private static final long DEFAULT_TOLERATION_SECONDS = 300;

    private ObjectDefaults() {
    }

    /** The defaulting every write of an object gets (kube-apiserver defaults what it decodes, create or update). */
    public static void apply(ResourceType type, ObjectNode object) {
        if (isCore(type, "pods")) {
            podSpec(object(object, "spec"));
        }
    }

    /** {@link #apply} plus what only a new object gets: admission defaults and an initial status. */
    public static void applyOnCreate(ResourceType type, ObjectNode object) {
        apply(type, object);
        if (isCore(type, "pods")) {
            ObjectNode spec = object(object, "spec");
            unreachableTolerations(spec);
            ObjectNode status = object(object, "status");
            putIfAbsent(status, "phase", "Pending");
            status.put("qosClass", PodQos.of(spec));
        } else if (isCore(type, "namespaces")) {
            namespace(object);
        }
    }

    private static boolean isCore(ResourceType type, String resource) {
        return type.group().isEmpty() && type.resource().equals(resource);
    }

    private static void podSpec(ObjectNode spec) {
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        if (!spec.has("terminationGracePeriodSeconds")) {
            spec.put("terminationGracePeriodSeconds", DEFAULT_GRACE_SECONDS);
        }
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : spec.path(list)) {
                if (container instanceof ObjectNode c) {
                    container(c);
                }
            }
        }
    }

    /** A container's defaults; requests default to limits (what the scheduler then counts). */
    private static void container(ObjectNode container) {
        String image = Json.text(container.path("image"), "");
        putIfAbsent(container, "imagePullPolicy", image.endsWith(":latest") || !image.contains(":") ? "Always"
                : "IfNotPresent");
        putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
        putIfAbsent(container, "terminationMessagePolicy", "File");
        if (container.path("resources").path("limits") instanceof ObjectNode limits && !limits.isEmpty()) {
            ObjectNode requests = object(object(container, "resources"), "requests");
            limits.properties().forEach(limit -> {
                if (!requests.has(limit.getKey())) {
                    requests.set(limit.getKey(), limit.getValue().deepCopy());
                }
            });
        }
    }

    /**
     * The DefaultTolerationSeconds admission plugin: five minutes' tolerance of not-ready and unreachable nodes
     * (NoExecute), unless the pod already tolerates them.
     */
    private static void unreachableTolerations(ObjectNode spec) {
        ArrayNode tolerations = spec.get("tolerations") instanceof ArrayNode existing ? existing : null;
        for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
            boolean tolerated = tolerations != null && tolerations.valueStream().anyMatch(t ->
                    Json.text(t.path("key"), "").equals(key) && Json.text(t.path("effect"), "NoExecute").equals("NoExecute"));
            if (!tolerated) {
                if (tolerations == null) {
                    tolerations = spec.putArray("tolerations");
                }
                ObjectNode toleration = tolerations.addObject();
                toleration.put("key", key);
                toleration.put("operator", "Exists");
                toleration.put("effect", "NoExecute");
                toleration.put("tolerationSeconds", DEFAULT_TOLERATION_SECONDS);
            }
        }
    }

    private static void namespace(ObjectNode namespace) {
        ObjectNode spec = object(namespace, "spec");
        if (!spec.has("finalizers")) {
            spec.putArray("finalizers").add("kubernetes");
        }
        putIfAbsent(object(namespace, "status"), "phase", "Active");
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        return parent.get(field) instanceof ObjectNode existing ? existing : parent.putObject(field);
    }

    private static void putIfAbsent(ObjectNode node, String field, String value) {
        if (Json.text(node.path(field), "").isEmpty()) {
            node.put(field, value);
        }
    }
}
