package dev.berth.plugins.defaultpreemption;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * A node where the preemptor fits once {@code victims} are gone (upstream's {@code Candidate} with its
 * {@code extenderv1.Victims}).
 *
 * @param victims most important first
 * @param numPdbViolations how many victims' eviction would exceed a PodDisruptionBudget
 */
record Candidate(String nodeName, List<Pod> victims, int numPdbViolations) {

    Candidate {
        victims = List.copyOf(victims);
    }
}
