package dev.berth.framework.cache;

import dev.berth.framework.api.NodeInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's list of NodeInfos with each one's position by node name. Upstream overwrites a
 * re-copied NodeInfo in place through its pointer; a Java {@link NodeInfo} cannot be overwritten, so
 * the fresh copy takes its predecessor's position instead, and the list needs no rebuild.
 *
 * <p>It also marks the positions of NodeInfos hosting pods with (anti-)affinity, so the snapshot's
 * affinity lists are rebuilt from two bit sets instead of by reading thousands of NodeInfos.
 */
final class IndexedNodeList {

    private final List<NodeInfo> infos = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final List<NodeInfo> view = Collections.unmodifiableList(infos);
    private final BitSet withAffinity = new BitSet();
    private final BitSet withRequiredAntiAffinity = new BitSet();

    /** Puts {@code info} where the NodeInfo of the same node is; does nothing if that node is not listed. */
    void replace(NodeInfo info) {
        Integer position = positions.get(info.nodeName());
        if (position != null) {
            infos.set(position, info);
            mark(position, info);
        }
    }

    /** Replaces the whole content. */
    void reset(List<NodeInfo> newInfos) {
        infos.clear();
        positions.clear();
        withAffinity.clear();
        withRequiredAntiAffinity.clear();
        for (NodeInfo info : newInfos) {
            positions.put(info.nodeName(), infos.size());
            mark(infos.size(), info);
            infos.add(info);
        }
    }

    private void mark(int position, NodeInfo info) {
        withAffinity.set(position, !info.podsWithAffinity().isEmpty());
        withRequiredAntiAffinity.set(position, !info.podsWithRequiredAntiAffinity().isEmpty());
    }

    /** A read-only view that follows later changes. */
    List<NodeInfo> view() {
        return view;
    }

    /** The NodeInfos hosting a pod with any (anti-)affinity term, in list order; a new list. */
    List<NodeInfo> withAffinity() {
        return select(withAffinity);
    }

    /** The NodeInfos hosting a pod with a required anti-affinity term, in list order; a new list. */
    List<NodeInfo> withRequiredAntiAffinity() {
        return select(withRequiredAntiAffinity);
    }

    private List<NodeInfo> select(BitSet positionsSet) {
        List<NodeInfo> out = new ArrayList<>(positionsSet.cardinality());
        for (int i = positionsSet.nextSetBit(0); i >= 0; i = positionsSet.nextSetBit(i + 1)) {
            out.add(infos.get(i));
        }
        return out;
    }
}
