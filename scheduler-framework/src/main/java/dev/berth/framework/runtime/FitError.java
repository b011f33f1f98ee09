package dev.berth.framework.runtime;

import dev.berth.framework.api.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * No node fits the pod. {@link #message()} is upstream's FitError text, which users grep for:
 * {@code "0/5 nodes are available: 3 Insufficient cpu, 2 node(s) had untolerated taint {a: b}."} —
 * a histogram of reasons over nodes, sorted as strings, then PostFilter's message.
 */
public record FitError(int numAllNodes, Diagnosis diagnosis) {

    /** Upstream's {@code NoNodeAvailableMsg}. */
    public static final String NO_NODE_AVAILABLE = "0/%d nodes are available";

    public String message() {
        StringBuilder msg = new StringBuilder(String.format(NO_NODE_AVAILABLE, numAllNodes)).append(':');
        if (!diagnosis.preFilterMessage().isEmpty()) {
            msg.append(' ').append(diagnosis.preFilterMessage()).append('.');
        } else {
            Map<String, Integer> histogram = new HashMap<>();
            for (Status s : diagnosis.nodeStatuses().values()) {
                s.reasons().forEach(r -> histogram.merge(r, 1, Integer::sum));
            }
            if (diagnosis.absentNodes() > 0) {
                diagnosis.absentNodesStatus().reasons().forEach(r -> histogram.merge(r, diagnosis.absentNodes(), Integer::sum));
            }
            List<String> reasons = new ArrayList<>();
            histogram.forEach((reason, count) -> reasons.add(count + " " + reason));
            Collections.sort(reasons);
            if (!reasons.isEmpty()) {
                msg.append(' ').append(String.join(", ", reasons)).append('.');
            }
        }
        if (!diagnosis.postFilterMessage().isEmpty()) {
            msg.append(' ').append(diagnosis.postFilterMessage()).append('.');
        }
        return msg.toString();
    }
}
