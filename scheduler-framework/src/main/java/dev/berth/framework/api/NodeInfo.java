package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node and everything that runs on it, precomputed for plugins (upstream's {@code NodeInfo}):
 * allocatable and requested resources as longs, host ports in use, image states, the pods with
 * (anti-)affinity terms, and the pods' labels counted per namespace ({@link PodLabelIndex}, built when
 * first asked for). Plugins receive snapshot copies; to reason about "what if" (preemption), take
 * {@link #copy()} and change the copy.
 *
 * <p>Not thread-safe for writes; the scheduler never writes a NodeInfo that plugins are reading.
 */
public final class NodeInfo {

    private static final AtomicLong GENERATION = new AtomicLong();

    private Node node;
    private final List<PodInfo> pods;
    private final List<PodInfo> podsWithAffinity;
    private final List<PodInfo> podsWithRequiredAntiAffinity;
    private final HostPortInfo usedPorts;
    private final Resource requested;
    private final Resource nonZeroRequested;
    private Resource allocatable;
    private Map<String, ImageStateSummary> imageStates;
    private final Map<String, Integer> pvcRefCounts;
    /** Built on first use after a change (null until then); immutable, so copies share it. */
    private volatile PodLabelIndex podLabels;
    private long generation;
    /** Read-only views, made once: plugins ask for them for every node of every attempt. */
    private final List<PodInfo> podsView;
    private final List<PodInfo> podsWithAffinityView;
    private final List<PodInfo> podsWithRequiredAntiAffinityView;

    /** An empty NodeInfo without a node (the cache holds pods of nodes it has not seen yet this way). */
    public NodeInfo() {
        this.pods = new ArrayList<>();
        this.podsWithAffinity = new ArrayList<>();
        this.podsWithRequiredAntiAffinity = new ArrayList<>();
        this.usedPorts = new HostPortInfo();
        this.requested = new Resource();
        this.nonZeroRequested = new Resource();
        this.allocatable = new Resource();
        this.imageStates = Map.of();
        this.pvcRefCounts = new HashMap<>();
        this.generation = nextGeneration();
        this.podsView = Collections.unmodifiableList(pods);
        this.podsWithAffinityView = Collections.unmodifiableList(podsWithAffinity);
        this.podsWithRequiredAntiAffinityView = Collections.unmodifiableList(podsWithRequiredAntiAffinity);
    }

    /** A NodeInfo for {@code node} with the given pods on it. */
    public static NodeInfo of(Node node, PodInfo... pods) {
        NodeInfo ni = new NodeInfo();
        ni.setNode(node);
        for (PodInfo p : pods) {
            ni.addPod(p);
        }
        return ni;
    }

    private NodeInfo(NodeInfo other) {
        this.node = other.node;
        this.pods = new ArrayList<>(other.pods);
        this.podsWithAffinity = new ArrayList<>(other.podsWithAffinity);
        this.podsWithRequiredAntiAffinity = new ArrayList<>(other.podsWithRequiredAntiAffinity);
        this.usedPorts = other.usedPorts.copy();
        this.requested = other.requested.copy();
        this.nonZeroRequested = other.nonZeroRequested.copy();
        this.allocatable = other.allocatable.copy();
        this.imageStates = other.imageStates;
        this.pvcRefCounts = new HashMap<>(other.pvcRefCounts);
        this.podLabels = other.podLabels;
        this.generation = other.generation;
        this.podsView = Collections.unmodifiableList(pods);
        this.podsWithAffinityView = Collections.unmodifiableList(podsWithAffinity);
        this.podsWithRequiredAntiAffinityView = Collections.unmodifiableList(podsWithRequiredAntiAffinity);
    }

    private static long nextGeneration() {
        return GENERATION.incrementAndGet();
    }

    /** An independent copy with the same generation. */
    public NodeInfo copy() {
        return new NodeInfo(this);
    }

    /** The node, or {@code null} if the scheduler knows pods of a node it has not seen (or that was deleted). */
    public Node node() {
        return node;
    }

    /** The node's name, or {@code ""} without a node. */
    public String nodeName() {
        return node == null ? "" : node.getMetadata().getName();
    }

    /** Sets the node and recomputes allocatable; bumps the generation. */
    public void setNode(Node node) {
        this.node = node;
        this.allocatable = node == null || node.getStatus() == null ? new Resource() : Resource.of(node.getStatus().getAllocatable());
        this.generation = nextGeneration();
    }

    /** Clears the node but keeps its pods (the node was deleted while pods still point to it). */
    public void removeNode() {
        this.node = null;
        this.generation = nextGeneration();
    }

    /** The pods on the node, assumed ones included. Read-only view. */
    public List<PodInfo> pods() {
        return podsView;
    }

    /** The pods with any pod (anti-)affinity term. Read-only view. */
    public List<PodInfo> podsWithAffinity() {
        return podsWithAffinityView;
    }

    /** The pods with a required anti-affinity term. Read-only view. */
    public List<PodInfo> podsWithRequiredAntiAffinity() {
        return podsWithRequiredAntiAffinityView;
    }

    /** Host ports in use. Do not mutate (copy first). */
    public HostPortInfo usedPorts() {
        return usedPorts;
    }

    /** The sum of the pods' requests. Do not mutate. */
    public Resource requested() {
        return requested;
    }

    /** The sum of the pods' non-zero requests (see {@link Resource#podNonZeroRequests}). Do not mutate. */
    public Resource nonZeroRequested() {
        return nonZeroRequested;
    }

    /** The node's allocatable resources. Do not mutate. */
    public Resource allocatable() {
        return allocatable;
    }

    /** The images on the node, by every name they are known by. */
    public Map<String, ImageStateSummary> imageStates() {
        return imageStates;
    }

    /** Set by the scheduler's cache from the node's status and the cluster-wide image counts; bumps the generation. */
    public void setImageStates(Map<String, ImageStateSummary> imageStates) {
        this.imageStates = Map.copyOf(imageStates);
        this.generation = nextGeneration();
    }

    /** How many pods on the node use each PVC, keyed {@code namespace/claimName}. */
    public Map<String, Integer> pvcRefCounts() {
        return Collections.unmodifiableMap(pvcRefCounts);
    }

    /**
     * The pods' labels counted per namespace, for counting matching pods without reading each pod. Built
     * here on first use after a change; parallel plugin calls on a snapshot copy may both build it, alike.
     */
    public PodLabelIndex podLabels() {
        PodLabelIndex index = podLabels;
        if (index == null) {
            index = PodLabelIndex.of(pods);
            podLabels = index;
        }
        return index;
    }

    /** Increases on every change; equal generations mean equal content. */
    public long generation() {
        return generation;
    }

    /** Adds a pod and its requests, ports, and PVC references. */
    public void addPod(PodInfo podInfo) {
        pods.add(podInfo);
        if (podInfo.hasAffinity()) {
            podsWithAffinity.add(podInfo);
        }
        if (!podInfo.requiredAntiAffinityTerms().isEmpty()) {
            podsWithRequiredAntiAffinity.add(podInfo);
        }
        update(podInfo, 1);
    }

    /**
     * Removes the pod with {@code pod}'s UID.
     *
     * @return false if no such pod is on this node
     */
    public boolean removePod(Pod pod) {
        String uid = pod.getMetadata().getUid();
        removeByUid(podsWithAffinity, uid);
        removeByUid(podsWithRequiredAntiAffinity, uid);
        PodInfo removed = removeByUid(pods, uid);
        if (removed == null) {
            return false;
        }
        update(removed, -1);
        return true;
    }

    /** Swap-with-last removal: order of pods is not meaningful and nodes may hold hundreds. */
    private static PodInfo removeByUid(List<PodInfo> list, String uid) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).uid().equals(uid)) {
                PodInfo found = list.get(i);
                int last = list.size() - 1;
                list.set(i, list.get(last));
                list.remove(last);
                return found;
            }
        }
        return null;
    }

    private void update(PodInfo podInfo, int sign) {
        if (sign > 0) {
            requested.add(podInfo.requests());
            nonZeroRequested.add(podInfo.nonZeroRequests());
        } else {
            requested.subtract(podInfo.requests());
            nonZeroRequested.subtract(podInfo.nonZeroRequests());
        }
        Pod pod = podInfo.pod();
        podLabels = null;
        if (pod.getSpec() != null) {
            for (Container c : hostPortContainers(pod)) {
                for (ContainerPort port : nullSafe(c.getPorts())) {
                    int hostPort = port.getHostPort() == null ? 0 : port.getHostPort();
                    if (sign > 0) {
                        usedPorts.add(port.getHostIP(), port.getProtocol(), hostPort);
                    } else {
                        usedPorts.remove(port.getHostIP(), port.getProtocol(), hostPort);
                    }
                }
            }
            for (Volume v : nullSafe(pod.getSpec().getVolumes())) {
                if (v.getPersistentVolumeClaim() != null) {
                    String key = pod.getMetadata().getNamespace() + "/" + v.getPersistentVolumeClaim().getClaimName();
                    pvcRefCounts.merge(key, sign, (a, b) -> a + b == 0 ? null : a + b);
                }
            }
        }
        generation = nextGeneration();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The containers whose host ports stay bound while the pod runs: regular ones and sidecars (restartable init containers). */
    public static List<Container> hostPortContainers(Pod pod) {
        List<Container> out = new ArrayList<>(nullSafe(pod.getSpec().getContainers()));
        for (Container c : nullSafe(pod.getSpec().getInitContainers())) {
            if ("Always".equals(c.getRestartPolicy())) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "NodeInfo{" + nodeName() + ", pods=" + pods.size() + ", requested=" + requested + ", allocatable=" + allocatable + "}";
    }
}
