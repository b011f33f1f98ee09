package dev.berth.plugins.podtopologyspread;

import dev.berth.framework.api.CycleState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What PreFilter computes for the hard constraints and Filter reads: per constraint, the number of
 * matching pods in each eligible domain and the two domains with the fewest (upstream's
 * {@code preFilterState}). An empty constraint list is a legitimate state that admits every node.
 *
 * <p>A lock guards the counts because preemption clones the state once and then adds/removes pods
 * while Filter may read it.
 */
final class PreFilterState implements CycleState.StateData {

    /** One entry of {@link CriticalPaths}: a domain and its number of matching pods. */
    record Path(String topologyValue, int matchNum) {
    }

    /**
     * The two domains with the fewest matching pods (upstream's {@code criticalPaths}): slot 0 always
     * holds the minimum; slot 1 is at least slot 0 but not necessarily the second minimum. Two slots
     * suffice because preemption only ever changes pods of one node per state copy.
     */
    static final class CriticalPaths {

        private final String[] values;
        private final int[] nums;

        CriticalPaths() {
            this(new String[] {"", ""}, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE});
        }

        private CriticalPaths(String[] values, int[] nums) {
            this.values = values;
            this.nums = nums;
        }

        void update(String value, int num) {
            int i = same(value, values[0]) ? 0 : same(value, values[1]) ? 1 : -1;
            if (i >= 0) {
                nums[i] = num;
                if (nums[0] > nums[1]) {
                    swap();
                }
            } else if (num < nums[0]) {
                values[1] = values[0];
                nums[1] = nums[0];
                values[0] = value;
                nums[0] = num;
            } else if (num < nums[1]) {
                values[1] = value;
                nums[1] = num;
            }
        }

        /**
         * String equality, hashes first: PreFilter offers every domain, often thousands of equally long
         * host names, and comparing cached hashes spares loading each name's characters.
         */
        private static boolean same(String a, String b) {
            return a.hashCode() == b.hashCode() && a.equals(b);
        }

        private void swap() {
            String v = values[0];
            values[0] = values[1];
            values[1] = v;
            int n = nums[0];
            nums[0] = nums[1];
            nums[1] = n;
        }

        Path path(int slot) {
            return new Path(values[slot], nums[slot]);
        }

        CriticalPaths copy() {
            return new CriticalPaths(values.clone(), nums.clone());
        }
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<SpreadConstraint> constraints;
    private final List<CriticalPaths> criticalPaths;
    private final List<Map<String, Integer>> tpValueToMatchNum;

    PreFilterState(List<SpreadConstraint> constraints, List<Map<String, Integer>> tpValueToMatchNum) {
        this.constraints = List.copyOf(constraints);
        this.tpValueToMatchNum = tpValueToMatchNum;
        this.criticalPaths = new ArrayList<>(constraints.size());
        for (Map<String, Integer> counts : tpValueToMatchNum) {
            CriticalPaths paths = new CriticalPaths();
            counts.forEach(paths::update);
            criticalPaths.add(paths);
        }
    }

    private PreFilterState(PreFilterState other) {
        this.constraints = other.constraints;
        this.criticalPaths = new ArrayList<>(other.criticalPaths.size());
        this.tpValueToMatchNum = new ArrayList<>(other.tpValueToMatchNum.size());
        other.lock.readLock().lock();
        try {
            other.criticalPaths.forEach(p -> criticalPaths.add(p.copy()));
            other.tpValueToMatchNum.forEach(m -> tpValueToMatchNum.add(new HashMap<>(m)));
        } finally {
            other.lock.readLock().unlock();
        }
    }

    List<SpreadConstraint> constraints() {
        return constraints;
    }

    /** The critical path in {@code slot} (0 or 1) of constraint {@code i}. */
    Path criticalPath(int i, int slot) {
        return criticalPaths.get(i).path(slot);
    }

    /** A copy of constraint {@code i}'s matching pods per domain. */
    Map<String, Integer> matchNumByDomain(int i) {
        lock.readLock().lock();
        try {
            return Map.copyOf(tpValueToMatchNum.get(i));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The skew the pod would cause in domain {@code tpValue} of constraint {@code i}:
     * matching pods there + self-match - global minimum, where the global minimum counts as 0 while
     * fewer than minDomains domains are eligible.
     */
    int skew(int i, String tpValue, int selfMatchNum) {
        lock.readLock().lock();
        try {
            Map<String, Integer> counts = tpValueToMatchNum.get(i);
            int minMatchNum = counts.size() < constraints.get(i).minDomains() ? 0 : criticalPaths.get(i).nums[0];
            return counts.getOrDefault(tpValue, 0) + selfMatchNum - minMatchNum;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds {@code delta} matching pods to domain {@code tpValue} of constraint {@code i}. */
    void add(int i, String tpValue, int delta) {
        lock.writeLock().lock();
        try {
            int num = tpValueToMatchNum.get(i).merge(tpValue, delta, Integer::sum);
            criticalPaths.get(i).update(tpValue, num);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public PreFilterState copy() {
        return new PreFilterState(this);
    }
}
