package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pod with what the scheduler precomputes for it once (upstream's {@code framework.PodInfo}): its
 * effective resource requests and its compiled (anti-)affinity terms. Immutable; build a new one
 * when the pod changes.
 */
public final class PodInfo {

    private final Pod pod;
    private final Resource requests;
    private final Resource nonZeroRequests;
    private final List<AffinityTerm> requiredAffinityTerms;
    private final List<AffinityTerm> requiredAntiAffinityTerms;
    private final List<WeightedAffinityTerm> preferredAffinityTerms;
    private final List<WeightedAffinityTerm> preferredAntiAffinityTerms;

    private PodInfo(Pod pod) {
        this.pod = Objects.requireNonNull(pod, "pod");
        this.requests = Resource.podRequests(pod);
        this.nonZeroRequests = Resource.podNonZeroRequests(pod);
        Affinity affinity = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        var podAffinity = affinity == null ? null : affinity.getPodAffinity();
        var podAntiAffinity = affinity == null ? null : affinity.getPodAntiAffinity();
        this.requiredAffinityTerms = terms(pod, podAffinity == null ? null : podAffinity.getRequiredDuringSchedulingIgnoredDuringExecution());
        this.requiredAntiAffinityTerms = terms(pod, podAntiAffinity == null ? null : podAntiAffinity.getRequiredDuringSchedulingIgnoredDuringExecution());
        this.preferredAffinityTerms = weighted(pod, podAffinity == null ? null : podAffinity.getPreferredDuringSchedulingIgnoredDuringExecution());
        this.preferredAntiAffinityTerms = weighted(pod, podAntiAffinity == null ? null : podAntiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution());
    }

    /**
     * Precomputes {@code pod}.
     *
     * @throws IllegalArgumentException if an affinity term's selector is invalid
     */
    public static PodInfo of(Pod pod) {
        return new PodInfo(pod);
    }

    private static List<AffinityTerm> terms(Pod pod, List<PodAffinityTerm> terms) {
        if (terms == null || terms.isEmpty()) {
            return List.of();
        }
        List<AffinityTerm> out = new ArrayList<>(terms.size());
        for (PodAffinityTerm t : terms) {
            out.add(AffinityTerm.of(pod, t));
        }
        return List.copyOf(out);
    }

    private static List<WeightedAffinityTerm> weighted(Pod pod, List<WeightedPodAffinityTerm> terms) {
        if (terms == null || terms.isEmpty()) {
            return List.of();
        }
        List<WeightedAffinityTerm> out = new ArrayList<>(terms.size());
        for (WeightedPodAffinityTerm t : terms) {
            int weight = t.getWeight() == null ? 0 : t.getWeight();
            if (weight != 0 && t.getPodAffinityTerm() != null) {
                out.add(new WeightedAffinityTerm(AffinityTerm.of(pod, t.getPodAffinityTerm()), weight));
            }
        }
        return List.copyOf(out);
    }

    public Pod pod() {
        return pod;
    }

    /** The pod's UID, the key the scheduler tracks it by. */
    public String uid() {
        return pod.getMetadata().getUid();
    }

    /** The pod's effective requests (see {@link Resource#podRequests}). Do not mutate. */
    public Resource requests() {
        return requests;
    }

    /** The pod's requests with CPU/memory defaults for containers that request none. Do not mutate. */
    public Resource nonZeroRequests() {
        return nonZeroRequests;
    }

    public List<AffinityTerm> requiredAffinityTerms() {
        return requiredAffinityTerms;
    }

    public List<AffinityTerm> requiredAntiAffinityTerms() {
        return requiredAntiAffinityTerms;
    }

    public List<WeightedAffinityTerm> preferredAffinityTerms() {
        return preferredAffinityTerms;
    }

    public List<WeightedAffinityTerm> preferredAntiAffinityTerms() {
        return preferredAntiAffinityTerms;
    }

    /** True if the pod has any pod affinity or anti-affinity, required or preferred. */
    public boolean hasAffinity() {
        return !requiredAffinityTerms.isEmpty() || !requiredAntiAffinityTerms.isEmpty()
                || !preferredAffinityTerms.isEmpty() || !preferredAntiAffinityTerms.isEmpty();
    }

    /** {@code namespace/name}, the way logs and messages name a pod. */
    public String key() {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    @Override
    public String toString() {
        return key();
    }
}
