package dev.berth.testkit;

import dev.berth.framework.simulate.Outcome;
import dev.berth.framework.simulate.PodResult;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;

/** Assertions on what happened to one pod: where it went, and what each Filter and Score plugin said per node. */
public final class PodResultAssert extends AbstractAssert<PodResultAssert, PodResult> {

    PodResultAssert(PodResult actual) {
        super(actual, PodResultAssert.class);
    }

    public PodResultAssert isScheduledOn(String node) {
        if (actual.status() != Outcome.SCHEDULED || !node.equals(actual.node())) {
            failWithMessage("expected %s scheduled on %s but it was %s%s (%s)", actual.pod(), node, actual.status().label(),
                    actual.node() == null ? "" : " on " + actual.node(), actual.message());
        }
        return this;
    }

    /** Not scheduled, with a message that contains {@code reason} (e.g. {@code "0/3 nodes are available"}). */
    public PodResultAssert isUnschedulableWith(String reason) {
        if (actual.status() != Outcome.UNSCHEDULABLE || !actual.message().contains(reason)) {
            failWithMessage("expected %s unschedulable with \"%s\" but it was %s: %s", actual.pod(), reason,
                    actual.status().label(), actual.message());
        }
        return this;
    }

    /** Filter plugin {@code plugin} let the pod onto {@code node}. */
    public PodResultAssert passesFilter(String plugin, String node) {
        return hasFilterVerdict(plugin, node, PodResult.PASSED);
    }

    /** Filter plugin {@code plugin} turned the pod away from {@code node} with exactly {@code reasons}. */
    public PodResultAssert isFilteredOut(String plugin, String node, String reasons) {
        return hasFilterVerdict(plugin, node, reasons);
    }

    private PodResultAssert hasFilterVerdict(String plugin, String node, String expected) {
        String verdict = perNode(actual.filter(), node, "filter").get(plugin);
        if (!expected.equals(verdict)) {
            failWithMessage("expected filter %s on %s for %s to be \"%s\" but it was %s", plugin, node, actual.pod(),
                    expected, verdict == null ? "not run" : "\"" + verdict + "\"");
        }
        return this;
    }

    /** Score plugin {@code plugin} gave {@code node} this score (after NormalizeScore, before its weight). */
    public PodResultAssert hasScore(String plugin, String node, long expected) {
        Long score = perNode(actual.score(), node, "score").get(plugin);
        if (score == null || score != expected) {
            failWithMessage("expected %s's score of %s for %s to be %s but it was %s", plugin, node, actual.pod(), expected,
                    score == null ? "not scored" : score);
        }
        return this;
    }

    /** The weighted sum of all Score plugins for {@code node}. */
    public PodResultAssert hasFinalScore(String node, long expected) {
        Long score = actual.finalScore().get(node);
        if (score == null || score != expected) {
            failWithMessage("expected the final score of %s for %s to be %s but it was %s (all: %s)", node, actual.pod(),
                    expected, score == null ? "not scored" : score, actual.finalScore());
        }
        return this;
    }

    private <V> Map<String, V> perNode(Map<String, Map<String, V>> table, String node, String what) {
        Map<String, V> row = table.get(node);
        if (row == null) {
            failWithMessage("no %s result of %s on node %s; it has results on %s (%s)", what, actual.pod(), node,
                    table.keySet(), actual.message());
        }
        return row;
    }
}
