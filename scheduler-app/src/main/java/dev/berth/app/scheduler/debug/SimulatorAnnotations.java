package dev.berth.app.scheduler.debug;

import dev.berth.framework.simulate.PodResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import tools.jackson.databind.json.JsonMapper;

/**
 * kube-scheduler-simulator's result annotations for one attempt, in its format: JSON objects by node name and plugin
 * name whose values are all strings ({@code "passed"} or the reasons; scores as decimal strings).
 * {@code score-result} carries each plugin's score after NormalizeScore (the simulator's is before it: Berth's runtime
 * normalizes in place and keeps no raw score), {@code finalscore-result} that score times the plugin's weight.
 */
public final class SimulatorAnnotations {
    public static final String PREFIX = "kube-scheduler-simulator.sigs.k8s.io/";
    public static final String FILTER_RESULT = PREFIX + "filter-result";
    public static final String SCORE_RESULT = PREFIX + "score-result";
    public static final String FINAL_SCORE_RESULT = PREFIX + "finalscore-result";
    public static final String SELECTED_NODE = PREFIX + "selected-node";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SimulatorAnnotations() {
    }

    /**
     * The annotations of {@code result}; {@code selected-node} only when the pod was scheduled.
     *
     * @param weights each Score plugin's weight in the pod's profile
     */
    public static Map<String, String> of(PodResult result, ToIntFunction<String> weights) {
        Map<String, Map<String, String>> scores = new TreeMap<>();
        Map<String, Map<String, String>> finalScores = new TreeMap<>();
        result.score().forEach((node, byPlugin) -> {
            Map<String, String> score = new TreeMap<>();
            Map<String, String> finalScore = new TreeMap<>();
            byPlugin.forEach((plugin, value) -> {
                score.put(plugin, Long.toString(value));
                finalScore.put(plugin, Long.toString(value * weights.applyAsInt(plugin)));
            });
            scores.put(node, score);
            finalScores.put(node, finalScore);
        });
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(FILTER_RESULT, JSON.writeValueAsString(result.filter()));
        annotations.put(SCORE_RESULT, JSON.writeValueAsString(scores));
        annotations.put(FINAL_SCORE_RESULT, JSON.writeValueAsString(finalScores));
        if (result.node() != null) {
            annotations.put(SELECTED_NODE, result.node());
        }
        return annotations;
    }
}
