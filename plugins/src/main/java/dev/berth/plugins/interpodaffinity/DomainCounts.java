package dev.berth.plugins.interpodaffinity;

import java.util.Map;

/**
 * One node's counts per topology domain as two parallel arrays: what PreFilter remembers per node from
 * one pod to the next (see {@link dev.berth.plugins.helper.PerNodeMemo}) and adds into a {@link TopologyCounts}.
 */
record DomainCounts(TopologyPair[] domains, long[] counts) {

    static final DomainCounts NONE = new DomainCounts(new TopologyPair[0], new long[0]);

    static DomainCounts of(TopologyCounts counts) {
        if (counts.isEmpty()) {
            return NONE;
        }
        Map<TopologyPair, Long> map = counts.asMap();
        TopologyPair[] domains = new TopologyPair[map.size()];
        long[] values = new long[map.size()];
        int i = 0;
        for (Map.Entry<TopologyPair, Long> e : map.entrySet()) {
            domains[i] = e.getKey();
            values[i] = e.getValue();
            i++;
        }
        return new DomainCounts(domains, values);
    }
}
