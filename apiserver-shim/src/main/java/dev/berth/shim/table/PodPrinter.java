package dev.berth.shim.table;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code kubectl get pods}: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES, with
 * STATUS and RESTARTS worked out as kube-apiserver's pod printer does (init container progress, waiting and
 * terminated reasons, Terminating while being deleted).
 */
final class PodPrinter implements Printer {

    @Override
    public List<Column> columns() {
        return List.of(Column.NAME,
                Column.normal("Ready", "The aggregate readiness state of this pod for accepting traffic."),
                Column.normal("Status", "The aggregate status of the containers in this pod."),
                Column.normal("Restarts", "The number of times the containers in this pod have been restarted and "
                        + "when the last container in this pod has restarted."),
                Column.AGE,
                Column.wide("IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty "
                        + "if not yet allocated."),
                Column.wide("Node", "NodeName indicates in which node this pod is scheduled. If empty, this pod is "
                        + "a candidate for scheduling by the scheduler defined in schedulerName."),
                Column.wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on "
                        + "the node, but it cannot be scheduled right away as preemption victims receive their "
                        + "graceful termination periods."),
                Column.wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod "
                        + "readiness."));
    }

    @Override
    public List<Object> cells(JsonNode pod, Instant now) {
        JsonNode metadata = pod.path("metadata");
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        Summary summary = summarize(spec, status);
        String reason = summary.reason();
        boolean deleting = metadata.hasNonNull("deletionTimestamp");
        String phase = Printer.text(status.get("phase"));
        if (deleting && Printer.text(status.get("reason")).equals("NodeLost")) {
            reason = "Unknown";
        } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
            reason = "Terminating";
        }
        String restarts = summary.restarts() != 0 && summary.lastRestart() != null
                ? summary.restarts() + " (" + HumanDuration.format(Duration.between(summary.lastRestart(),
                now)) + " ago)"
                : String.valueOf(summary.restarts());
        return List.of(Printer.text(metadata.get("name")), summary.ready() + "/" + summary.total(), reason, restarts,
                Printer.age(metadata.get("creationTimestamp"), now), podIp(status),
                Printer.orElse(Printer.text(spec.get("nodeName")), "<none>"),
                Printer.orElse(Printer.text(status.get("nominatedNodeName")), "<none>"),
                readinessGates(spec, status));
    }

    @Override
    public ArrayNode conditions(JsonNode pod) {
        ArrayNode conditions = JsonNodeFactory.instance.arrayNode();
        String phase = Printer.text(pod.path("status").get("phase"));
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            conditions.addObject().put("type", "Completed").put("status", "True").put("reason", phase)
                    .put("message", phase.equals("Succeeded") ? "The pod has completed successfully."
                            : "The pod failed.");
        }
        return conditions;
    }

    private record Summary(int ready, int total, String reason, int restarts, Instant lastRestart) {
    }

    private static Summary summarize(JsonNode spec, JsonNode status) {
        String reason = Printer.orElse(Printer.text(status.get("reason")), Printer.text(status.get("phase")));
        for (JsonNode condition : status.path("conditions")) {
            if (Printer.text(condition.get("type")).equals("PodScheduled")
                    && Printer.text(condition.get("reason")).equals("SchedulingGated")) {
                reason = "SchedulingGated";
            }
        }
        Map<String, Boolean> restartableInit = new HashMap<>();
        int total = spec.path("containers").size();
        for (JsonNode init : spec.path("initContainers")) {
            boolean sidecar = Printer.text(init.get("restartPolicy")).equals("Always");
            restartableInit.put(Printer.text(init.get("name")), sidecar);
            total += sidecar ? 1 : 0;
        }
        int ready = 0;
        int restarts = 0;
        int sidecarRestarts = 0;
        Instant lastRestart = null;
        Instant lastSidecarRestart = null;
        boolean initializing = false;
        JsonNode initStatuses = status.path("initContainerStatuses");
        int initCount = spec.path("initContainers").size();
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode container = initStatuses.get(i);
            boolean sidecar = restartableInit.getOrDefault(Printer.text(container.get("name")), false);
            restarts += container.path("restartCount").asInt(0);
            lastRestart = later(lastRestart, lastTermination(container));
            if (sidecar) {
                sidecarRestarts += container.path("restartCount").asInt(0);
                lastSidecarRestart = later(lastSidecarRestart, lastTermination(container));
            }
            JsonNode state = container.path("state");
            JsonNode terminated = state.get("terminated");
            JsonNode waiting = state.get("waiting");
            if (terminated != null && terminated.path("exitCode").asInt(0) == 0) {
                continue;
            }
            if (sidecar && container.path("started").asBoolean(false)) {
                ready += container.path("ready").asBoolean(false) ? 1 : 0;
                continue;
            }
            if (terminated != null) {
                reason = "Init:" + terminationReason(terminated);
            } else if (waiting != null && !Printer.text(waiting.get("reason")).isEmpty()
                    && !Printer.text(waiting.get("reason")).equals("PodInitializing")) {
                reason = "Init:" + Printer.text(waiting.get("reason"));
            } else {
                reason = "Init:" + i + "/" + initCount;
            }
            initializing = true;
            break;
        }
        if (!initializing || conditionTrue(status, "Initialized")) {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            JsonNode statuses = status.path("containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode container = statuses.get(i);
                restarts += container.path("restartCount").asInt(0);
                lastRestart = later(lastRestart, lastTermination(container));
                JsonNode state = container.path("state");
                JsonNode waiting = state.get("waiting");
                JsonNode terminated = state.get("terminated");
                if (waiting != null && !Printer.text(waiting.get("reason")).isEmpty()) {
                    reason = Printer.text(waiting.get("reason"));
                } else if (terminated != null) {
                    reason = terminationReason(terminated);
                } else if (container.path("ready").asBoolean(false) && state.has("running")) {
                    hasRunning = true;
                    ready++;
                }
            }
            if (reason.equals("Completed") && hasRunning) {
                reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
            }
        }
        return new Summary(ready, total, reason, restarts, lastRestart);
    }

    /** The terminated state's reason, else {@code Signal:<n>} or {@code ExitCode:<n>}. */
    private static String terminationReason(JsonNode terminated) {
        String reason = Printer.text(terminated.get("reason"));
        if (!reason.isEmpty()) {
            return reason;
        }
        int signal = terminated.path("signal").asInt(0);
        return signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt(0);
    }

    private static Instant lastTermination(JsonNode container) {
        String finished = Printer.text(container.path("lastState").path("terminated").get("finishedAt"));
        return finished.isEmpty() ? null : Instant.parse(finished);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b != null && b.isAfter(a) ? b : a;
    }

    private static boolean conditionTrue(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (Printer.text(condition.get("type")).equals(type)) {
                return Printer.text(condition.get("status")).equals("True");
            }
        }
        return false;
    }

    /** The first of {@code podIPs}; {@code podIP} for writers that set only that. */
    private static String podIp(JsonNode status) {
        String ip = Printer.text(status.path("podIPs").path(0).get("ip"));
        return Printer.orElse(Printer.orElse(ip, Printer.text(status.get("podIP"))), "<none>");
    }

    private static String readinessGates(JsonNode spec, JsonNode status) {
        JsonNode gates = spec.path("readinessGates");
        if (gates.isEmpty()) {
            return "<none>";
        }
        int satisfied = 0;
        for (JsonNode gate : gates) {
            satisfied += conditionTrue(status, Printer.text(gate.get("conditionType"))) ? 1 : 0;
        }
        return satisfied + "/" + gates.size();
    }
}
