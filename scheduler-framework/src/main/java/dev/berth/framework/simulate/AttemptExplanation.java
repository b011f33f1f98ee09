package dev.berth.framework.simulate;

import dev.berth.framework.api.Status;
import dev.berth.framework.runtime.CycleEvaluation;
import dev.berth.framework.runtime.Framework;
import dev.berth.framework.runtime.RecordedAttempt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns what a cycle evaluated into {@code berth simulate}'s result: the simulator's own cycles and the live
 * scheduler's recorded attempts are explained by the same code, so both read alike.
 */
public final class AttemptExplanation {

    private AttemptExplanation() {
    }

    /**
     * A live attempt as a simulate result. The scheduler stops filtering a node at its first failing plugin and keeps
     * only that status, so the plugins before it in run order are reported as passed, as they did; nodes it never
     * filtered (adaptive percentageOfNodesToScore) are absent. Victims are not known to the live scheduler (preemption
     * evicts them asynchronously) and stay empty.
     */
    public static PodResult of(RecordedAttempt attempt) {
        CycleEvaluation evaluation = attempt.evaluation();
        Map<String, Map<String, String>> filter = new TreeMap<>();
        for (String node : evaluation.feasibleNodes()) {
            Map<String, String> passed = new LinkedHashMap<>();
            evaluation.filterPlugins().forEach(plugin -> passed.put(plugin, PodResult.PASSED));
            filter.put(node, passed);
        }
        evaluation.rejectedNodes().forEach((node, status) -> filter.put(node, rejectedVerdicts(evaluation.filterPlugins(), status)));
        Framework.ScoreResult scores = evaluation.scores();
        return new PodResult(attempt.key(), Outcome.valueOf(attempt.outcome().name()), attempt.nodeName(), filter,
                scores == null ? Map.of() : scoresByNode(scores), scores == null ? Map.of() : totalsByNode(scores),
                attempt.nominatedNode(), List.of(), attempt.message());
    }

    private static Map<String, String> rejectedVerdicts(List<String> filterPlugins, Status status) {
        Map<String, String> out = new LinkedHashMap<>();
        if (filterPlugins.contains(status.plugin())) {
            for (String plugin : filterPlugins) {
                if (plugin.equals(status.plugin())) {
                    break;
                }
                out.put(plugin, PodResult.PASSED);
            }
        }
        out.put(status.plugin(), verdict(status));
        return out;
    }

    /** {@code "passed"} or the status's reasons. */
    static String verdict(Status status) {
        return status.isSuccess() ? PodResult.PASSED : status.message();
    }

    /** Each plugin's verdict, in run order. */
    static Map<String, String> verdicts(Map<String, Status> statuses) {
        Map<String, String> out = new LinkedHashMap<>();
        statuses.forEach((plugin, s) -> out.put(plugin, verdict(s)));
        return out;
    }

    /** Per node (sorted), each Score plugin's score after NormalizeScore and before its weight. */
    static Map<String, Map<String, Long>> scoresByNode(Framework.ScoreResult scores) {
        Map<String, Map<String, Long>> byNode = new TreeMap<>();
        List<String> names = scores.nodeNames();
        for (int i = 0; i < names.size(); i++) {
            Map<String, Long> perPlugin = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : scores.pluginScores().entrySet()) {
                perPlugin.put(e.getKey(), e.getValue()[i]);
            }
            byNode.put(names.get(i), perPlugin);
        }
        return byNode;
    }

    /** Per node (sorted), the weighted sum of its scores. */
    static Map<String, Long> totalsByNode(Framework.ScoreResult scores) {
        Map<String, Long> totals = new TreeMap<>();
        List<String> names = scores.nodeNames();
        for (int i = 0; i < names.size(); i++) {
            totals.put(names.get(i), scores.totals()[i]);
        }
        return totals;
    }
}
