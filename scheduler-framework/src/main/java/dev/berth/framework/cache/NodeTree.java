package dev.berth.framework.cache;

import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node names grouped by zone (upstream's {@code nodeTree}). {@link #list()} interleaves the zones so
 * that the scheduler, which may stop after finding enough feasible nodes, looks at every zone early.
 * Not thread-safe; the cache guards it with its lock.
 */
final class NodeTree {

    static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    static final String REGION_LABEL = "topology.kubernetes.io/region";
    static final String BETA_ZONE_LABEL = "failure-domain.beta.kubernetes.io/zone";
    static final String BETA_REGION_LABEL = "failure-domain.beta.kubernetes.io/region";

    private static final Logger LOG = LoggerFactory.getLogger(NodeTree.class);
    /** Shared by all trees so that a layout number identifies one tree's order, never another's. */
    private static final AtomicLong LAYOUTS = new AtomicLong();

    /** Zones in the order they first got a node; nodes of a zone in the order they were added. */
    private final Map<String, List<String>> zones = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private long layout = LAYOUTS.incrementAndGet();

    /**
     * The zone a node belongs to, as upstream's {@code utilnode.GetZoneKey}: {@code region:\0:zone} from
     * the topology labels (the deprecated beta labels as fallback), or {@code ""} if it has neither. The
     * NUL separator keeps regions or zones that contain a colon from colliding.
     */
    static String zoneKey(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        if (labels == null) {
            return "";
        }
        String zone = labels.getOrDefault(ZONE_LABEL, labels.getOrDefault(BETA_ZONE_LABEL, ""));
        String region = labels.getOrDefault(REGION_LABEL, labels.getOrDefault(BETA_REGION_LABEL, ""));
        return region.isEmpty() && zone.isEmpty() ? "" : region + ":\u0000:" + zone;
    }

    /** Adds the node to its zone; a node already in the tree stays where it is. */
    void add(Node node) {
        String name = node.getMetadata().getName();
        if (!names.add(name)) {
            LOG.debug("Node {} is already in the node tree", name);
            return;
        }
        zones.computeIfAbsent(zoneKey(node), zone -> new ArrayList<>()).add(name);
        layout = LAYOUTS.incrementAndGet();
    }

    /** Moves the node to its new zone if {@code newNode}'s zone differs from {@code oldNode}'s. */
    void update(Node oldNode, Node newNode) {
        if (zoneKey(oldNode).equals(zoneKey(newNode))) {
            return;
        }
        remove(oldNode);
        add(newNode);
    }

    /** Removes the node from the zone its labels name; a zone left empty is dropped. */
    void remove(Node node) {
        String name = node.getMetadata().getName();
        String zone = zoneKey(node);
        List<String> zoneNodes = zones.get(zone);
        if (zoneNodes == null || !zoneNodes.remove(name)) {
            LOG.debug("Node {} is not in the node tree", name);
            return;
        }
        names.remove(name);
        if (zoneNodes.isEmpty()) {
            zones.remove(zone);
        }
        layout = LAYOUTS.incrementAndGet();
    }

    /**
     * Identifies the current {@link #list()} order: it changes whenever a node is added, removed or moved
     * to another zone, so a snapshot can tell whether its node list is stale even when its node set is not.
     */
    long layout() {
        return layout;
    }

    boolean contains(String nodeName) {
        return names.contains(nodeName);
    }

    int size() {
        return names.size();
    }

    /** All node names, round-robin over the zones: the first node of each zone, then the second of each, and so on. */
    List<String> list() {
        List<String> out = new ArrayList<>(names.size());
        for (int round = 0; out.size() < names.size(); round++) {
            for (List<String> zoneNodes : zones.values()) {
                if (round < zoneNodes.size()) {
                    out.add(zoneNodes.get(round));
                }
            }
        }
        return out;
    }
}
