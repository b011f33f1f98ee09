package dev.berth.framework.cache;

import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeInfoLister;
import dev.berth.framework.api.PodInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The nodes as one scheduling cycle sees them (upstream's {@code cache.Snapshot}): copies of the
 * cache's NodeInfos, listed in zone-interleaved order, plus the nodes hosting pods with (anti-)affinity.
 * Only NodeInfos with a node are in it. Owned by the scheduling loop, which refreshes it with
 * {@link SchedulerCache#updateSnapshot} between cycles and only reads it during a cycle.
 */
public final class Snapshot implements NodeInfoLister {

    private final Map<String, NodeInfo> nodeInfoMap = new HashMap<>();
    private final IndexedNodeList nodeInfoList = new IndexedNodeList();
    /**
     * The affinity lists are rebuilt on first read after a change, from the node list's marks: in
     * workloads full of (anti-)affinity pods nearly every cycle changes them, and collecting the marked
     * positions is cheaper than keeping per-list position indexes up to date.
     */
    private volatile List<NodeInfo> havePodsWithAffinity = List.of();
    private volatile List<NodeInfo> havePodsWithRequiredAntiAffinity = List.of();
    private volatile boolean affinityListsStale;
    private long generation;
    /** The {@link NodeTree#layout()} the node list was built from; 0 before the first build. */
    private long treeLayout;

    /** An empty snapshot; the first {@link SchedulerCache#updateSnapshot} fills it. */
    public Snapshot() {
    }

    /**
     * A snapshot built directly from objects, without a cache: every node with its images counted over
     * {@code nodes}, and every pod whose {@code spec.nodeName} names one of them on that node. Pods on
     * other nodes, and unassigned pods, are left out.
     */
    public static Snapshot of(List<Node> nodes, List<Pod> pods) {
        NodeTree tree = new NodeTree();
        ImageStateIndex images = new ImageStateIndex();
        for (Node node : nodes) {
            tree.add(node);
            images.add(node);
        }
        Map<String, NodeInfo> infos = new HashMap<>();
        for (Node node : nodes) {
            NodeInfo info = new NodeInfo();
            info.setNode(node);
            info.setImageStates(images.summaries(node));
            infos.put(node.getMetadata().getName(), info);
        }
        for (Pod pod : pods) {
            String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            NodeInfo info = nodeName == null ? null : infos.get(nodeName);
            if (info != null) {
                info.addPod(PodInfo.of(pod));
            }
        }
        Snapshot snapshot = new Snapshot();
        snapshot.apply(new ArrayList<>(infos.values()), 0, tree);
        return snapshot;
    }

    /** The cache generation this snapshot reflects: every cache change up to it is in here. */
    public long generation() {
        return generation;
    }

    @Override
    public List<NodeInfo> list() {
        return nodeInfoList.view();
    }

    @Override
    public List<NodeInfo> havePodsWithAffinity() {
        refreshAffinityLists();
        return havePodsWithAffinity;
    }

    @Override
    public List<NodeInfo> havePodsWithRequiredAntiAffinity() {
        refreshAffinityLists();
        return havePodsWithRequiredAntiAffinity;
    }

    /** Plugins may read the lists from parallel Filter calls, so the rebuild is guarded. */
    private void refreshAffinityLists() {
        if (!affinityListsStale) {
            return;
        }
        synchronized (this) {
            if (!affinityListsStale) {
                return;
            }
            havePodsWithAffinity = Collections.unmodifiableList(nodeInfoList.withAffinity());
            havePodsWithRequiredAntiAffinity = Collections.unmodifiableList(nodeInfoList.withRequiredAntiAffinity());
            affinityListsStale = false;
        }
    }

    @Override
    public Optional<NodeInfo> get(String nodeName) {
        return Optional.ofNullable(nodeInfoMap.get(nodeName));
    }

    /**
     * Brings the snapshot up to {@code newGeneration}. The lists are rebuilt only when the node order
     * changed (a node was added, removed or changed zone) or a node started or stopped hosting pods with
     * (anti-)affinity; otherwise each copy just takes its predecessor's place.
     *
     * @param changedCopies fresh copies of every NodeInfo with a node changed since {@link #generation()}
     * @param tree the nodes that exist now, which tells deleted nodes apart and gives the list order
     */
    void apply(List<NodeInfo> changedCopies, long newGeneration, NodeTree tree) {
        boolean affinityListsChanged = false;
        for (NodeInfo copy : changedCopies) {
            NodeInfo previous = nodeInfoMap.put(copy.nodeName(), copy);
            // The lists hold NodeInfo objects, so a fresh copy of a listed node changes them too.
            affinityListsChanged |= hasAffinityPods(copy) || hasRequiredAntiAffinityPods(copy)
                    || (previous != null && hasAffinityPods(previous));
            nodeInfoList.replace(copy);
        }
        // Every existing node is in the map by now, so a larger map holds deleted nodes.
        if (nodeInfoMap.size() > tree.size()) {
            nodeInfoMap.keySet().removeIf(Predicate.not(tree::contains));
        }
        boolean orderChanged = tree.layout() != treeLayout;
        if (orderChanged) {
            nodeInfoList.reset(tree.list().stream().map(nodeInfoMap::get).toList());
            treeLayout = tree.layout();
        }
        if (orderChanged || affinityListsChanged) {
            affinityListsStale = true;
        }
        generation = newGeneration;
    }

    private static boolean hasAffinityPods(NodeInfo info) {
        return !info.podsWithAffinity().isEmpty();
    }

    private static boolean hasRequiredAntiAffinityPods(NodeInfo info) {
        return !info.podsWithRequiredAntiAffinity().isEmpty();
    }

    @Override
    public String toString() {
        return "Snapshot{generation=" + generation + ", nodes=" + nodeInfoMap.size() + "}";
    }
}
