package dev.berth.shim.admission;

import dev.berth.shim.json.Json;
import dev.berth.shim.resource.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The defaults kube-apiserver fills in on create (its defaulting functions and admission), for the fields the
 * scheduler and kubectl read: a pod's scheduler, restart policy, grace period and Pending phase; a namespace's
 * finalizer and Active phase.
 */
public final class ObjectDefaults {
    private static final long DEFAULT_GRACE_SECONDS = 30;

    private ObjectDefaults() {
    }

    public static void apply(ResourceType type, ObjectNode object) {
        if (type.group().isEmpty() && type.resource().equals("pods")) {
            pod(object);
        } else if (type.group().isEmpty() && type.resource().equals("namespaces")) {
            namespace(object);
        }
    }

    private static void pod(ObjectNode pod) {
        ObjectNode spec = object(pod, "spec");
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        if (!spec.has("terminationGracePeriodSeconds")) {
            spec.put("terminationGracePeriodSeconds", DEFAULT_GRACE_SECONDS);
        }
        for (JsonNode container : spec.path("containers")) {
            if (container instanceof ObjectNode c) {
                String image = Json.text(c.path("image"), "");
                putIfAbsent(c, "imagePullPolicy", image.endsWith(":latest") || !image.contains(":") ? "Always"
                        : "IfNotPresent");
                putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
                putIfAbsent(c, "terminationMessagePolicy", "File");
            }
        }
        putIfAbsent(object(pod, "status"), "phase", "Pending");
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
