package dev.berth.app.scheduler.debug;

import dev.berth.framework.queue.PendingCounts;
import dev.berth.framework.queue.PendingPod;
import dev.berth.framework.runtime.RecordedAttempt;
import dev.berth.framework.simulate.Outcome;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON answers of {@code /debug/queue} and {@code /debug/attempts}, keys in a fixed order. */
final class DebugJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DebugJson() {
    }

    /** The pending pods with the plugins that rejected them, since when they wait, and their last attempt's message. */
    static String queue(PendingCounts counts, List<PendingPod> pending, RecentAttempts attempts) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode totals = root.putObject("counts");
        totals.put("active", counts.active());
        totals.put("backoff", counts.backoff());
        totals.put("unschedulable", counts.unschedulable());
        totals.put("gated", counts.gated());
        ArrayNode pods = root.putArray("pending");
        for (PendingPod p : pending) {
            ObjectNode pod = pods.addObject();
            pod.put("pod", p.namespace() + "/" + p.name());
            pod.put("queue", p.queue());
            pod.put("attempts", p.attempts());
            ArrayNode plugins = pod.putArray("unschedulablePlugins");
            p.unschedulablePlugins().stream().sorted().forEach(plugins::add);
            pod.put("gatingPlugin", p.gatingPlugin());
            pod.put("since", p.timestamp() == null ? null : p.timestamp().toString());
            pod.put("message", attempts.last(p.namespace(), p.name()).map(RecordedAttempt::message).orElse(null));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** The kept attempts, most recent first, without their per-node tables ({@code /debug/explain} has those). */
    static String attempts(RecentAttempts attempts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("capacity", attempts.capacity());
        ArrayNode list = root.putArray("attempts");
        for (RecordedAttempt a : attempts.newestFirst()) {
            ObjectNode attempt = list.addObject();
            attempt.put("pod", a.key());
            attempt.put("profile", a.profile());
            attempt.put("status", Outcome.valueOf(a.outcome().name()).label());
            attempt.put("node", a.nodeName());
            attempt.put("nominatedNode", a.nominatedNode());
            attempt.put("message", a.message());
            attempt.put("finishedAt", a.finishedAt().toString());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
