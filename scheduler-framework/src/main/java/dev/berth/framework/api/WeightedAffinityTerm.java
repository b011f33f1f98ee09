package dev.berth.framework.api;

/** A preferred (soft) affinity term with its weight (1..100). */
public record WeightedAffinityTerm(AffinityTerm term, int weight) {
}
