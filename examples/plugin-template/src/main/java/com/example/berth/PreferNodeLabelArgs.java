package com.example.berth;

import dev.berth.framework.api.InvalidArgsException;
import java.util.List;

/**
 * The args of {@link PreferNodeLabel}, from {@code pluginConfig[].args} of the scheduler configuration. Fields left
 * out take their defaults; a bad value throws {@link InvalidArgsException} naming the field, which the scheduler
 * reports as {@code profiles[i].pluginConfig[j].args.<field>} and exits 2.
 *
 * @param label the node label to look at
 * @param values the values of {@code label} that a node scores {@code 100} for
 * @param otherNodesScore the score of every other node, in [0, 100]
 */
public record PreferNodeLabelArgs(String label, List<String> values, Integer otherNodesScore) {

    public static final String DEFAULT_LABEL = "example.com/tier";

    public PreferNodeLabelArgs {
        label = label == null ? DEFAULT_LABEL : label;
        values = values == null ? List.of("fast") : List.copyOf(values);
        otherNodesScore = otherNodesScore == null ? 0 : otherNodesScore;
        if (label.isBlank()) {
            throw new InvalidArgsException("label", "must not be empty");
        }
        if (values.isEmpty()) {
            throw new InvalidArgsException("values", "must name at least one value of " + label);
        }
        if (otherNodesScore < 0 || otherNodesScore > 100) {
            throw new InvalidArgsException("otherNodesScore", "must be in [0, 100], got " + otherNodesScore);
        }
    }
}
