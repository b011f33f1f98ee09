package dev.berth.app.simulate;

import dev.berth.framework.simulate.PodResult;
import dev.berth.framework.simulate.SimulationResult;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code berth simulate -o json}: the results as DESIGN.md shows them. Keys are written in a fixed order
 * (the tree is built by hand, not by bean introspection), nodes sorted by name, so equal runs print equal bytes.
 * The live scheduler's {@code /debug/explain} answers one pod's result in the same form.
 */
public final class SimulationJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SimulationJson() {
    }

    static String format(SimulationResult simulation) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode results = root.putArray("results");
        simulation.results().forEach(r -> results.add(result(r)));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** One pod's result, as one element of {@code results}. */
    public static String format(PodResult result) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result(result));
    }

    private static ObjectNode result(PodResult r) {
        ObjectNode pod = JSON.createObjectNode();
        pod.put("pod", r.pod());
        pod.put("status", r.status().label());
        pod.put("node", r.node());
        ObjectNode filter = pod.putObject("filter");
        r.filter().forEach((node, verdicts) -> putAll(filter.putObject(node), verdicts));
        ObjectNode score = pod.putObject("score");
        r.score().forEach((node, scores) -> putAll(score.putObject(node), scores));
        putAll(pod.putObject("finalScore"), r.finalScore());
        pod.put("nominatedNode", r.nominatedNode());
        ArrayNode victims = pod.putArray("victims");
        r.victims().forEach(victims::add);
        pod.put("message", r.message());
        return pod;
    }

    private static void putAll(ObjectNode target, Map<String, ?> values) {
        values.forEach((k, v) -> target.set(k, JSON.valueToTree(v)));
    }
}
