package dev.berth.framework.runtime;

import java.util.List;
import java.util.random.RandomGenerator;

/** How the scheduler picks among nodes with equal best scores. */
public enum HostSelection {
    /** Uniformly at random (reservoir sampling), as upstream: spreads ties over nodes. */
    RANDOM,
    /** The node whose name sorts first: deterministic, for simulation and reproducible tests. */
    FIRST_BY_NAME;

    /**
     * The index of the chosen node among {@code names} by {@code totals}.
     *
     * @throws IllegalArgumentException if there are no nodes
     */
    public int select(List<String> names, long[] totals, RandomGenerator random) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("empty priority list");
        }
        int selected = 0;
        long max = totals[0];
        int ties = 1;
        for (int i = 1; i < totals.length; i++) {
            if (totals[i] > max) {
                max = totals[i];
                selected = i;
                ties = 1;
            } else if (totals[i] == max) {
                ties++;
                boolean take = this == RANDOM ? random.nextInt(ties) == 0 : names.get(i).compareTo(names.get(selected)) < 0;
                if (take) {
                    selected = i;
                }
            }
        }
        return selected;
    }
}
