package dev.berth.framework.cache;

import dev.berth.framework.api.NodeInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's list of NodeInfos with each one's position by node name. Upstream overwrites a
 * re-copied NodeInfo in place through its pointer; a Java {@link NodeInfo} cannot be overwritten, so
 * the fresh copy takes its predecessor's position instead, and the list needs no rebuild.
 */
final class IndexedNodeList {

    private final List<NodeInfo> infos = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final List<NodeInfo> view = Collections.unmodifiableList(infos);

    /** Puts {@code info} where the NodeInfo of the same node is; does nothing if that node is not listed. */
    void replace(NodeInfo info) {
        Integer position = positions.get(info.nodeName());
        if (position != null) {
            infos.set(position, info);
        }
    }

    /** Replaces the whole content. */
    void reset(List<NodeInfo> newInfos) {
        infos.clear();
        positions.clear();
        for (NodeInfo info : newInfos) {
            positions.put(info.nodeName(), infos.size());
            infos.add(info);
        }
    }

    /** A read-only view that follows later changes. */
    List<NodeInfo> view() {
        return view;
    }
}
