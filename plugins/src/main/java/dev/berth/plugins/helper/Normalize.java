package dev.berth.plugins.helper;

import dev.berth.framework.api.NodeScores;

/** Score normalization shared by plugins (upstream's {@code helper.DefaultNormalizeScore}). */
public final class Normalize {

    private Normalize() {
    }

    /**
     * Scales scores so the highest becomes {@code maxPriority} (integer division, as upstream); with
     * {@code reverse}, the scale is flipped (max − score). If every score is 0, all become 0 (or
     * {@code maxPriority} when reversed).
     */
    public static void defaultNormalizeScore(long maxPriority, boolean reverse, NodeScores scores) {
        long max = 0;
        for (int i = 0; i < scores.size(); i++) {
            max = Math.max(max, scores.score(i));
        }
        if (max == 0) {
            if (reverse) {
                for (int i = 0; i < scores.size(); i++) {
                    scores.setScore(i, maxPriority);
                }
            }
            return;
        }
        for (int i = 0; i < scores.size(); i++) {
            long score = maxPriority * scores.score(i) / max;
            scores.setScore(i, reverse ? maxPriority - score : score);
        }
    }
}
