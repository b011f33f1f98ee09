package dev.berth.plugins.testing;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EventRecorder;
import dev.berth.framework.api.Handle;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.NodeInfoLister;
import dev.berth.framework.api.Parallelizer;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.Status;
import dev.berth.framework.api.WaitingPod;
import dev.berth.framework.api.WaitingPods;
import dev.berth.framework.cache.Snapshot;
import dev.berth.framework.cluster.InMemoryCluster;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link Handle} for unit tests of single plugins: a fixed snapshot of nodes and pods, an
 * in-memory cluster (add PVs, namespaces, PDBs ... to it), the pods given to {@link #waiting} as held
 * at Permit, and a sequential parallelizer. The
 * filter-runner methods are not available here; test preemption through a real framework.
 */
public final class TestHandle implements Handle {

    private final Snapshot snapshot;
    private final InMemoryCluster cluster = new InMemoryCluster();
    private final List<WaitingPod> waitingPods = new ArrayList<>();

    public TestHandle(List<Node> nodes, List<Pod> pods) {
        this.snapshot = Snapshot.of(nodes, pods);
    }

    /** A handle over an empty snapshot. */
    public static TestHandle empty() {
        return new TestHandle(List.of(), List.of());
    }

    public InMemoryCluster cluster() {
        return cluster;
    }

    /** Adds pods that {@link #waitingPods()} reports as held at Permit. */
    public TestHandle waiting(WaitingPod... pods) {
        waitingPods.addAll(List.of(pods));
        return this;
    }

    @Override
    public String profileName() {
        return "default-scheduler";
    }

    @Override
    public NodeInfoLister snapshot() {
        return snapshot;
    }

    @Override
    public ClusterClient clusterClient() {
        return cluster;
    }

    @Override
    public WaitingPods waitingPods() {
        return new WaitingPods() {
            @Override
            public void forEach(Consumer<WaitingPod> action) {
                List.copyOf(waitingPods).forEach(action);
            }

            @Override
            public Optional<WaitingPod> get(String podUid) {
                return waitingPods.stream().filter(w -> w.pod().getMetadata().getUid().equals(podUid)).findFirst();
            }
        };
    }

    @Override
    public EventRecorder eventRecorder() {
        return (regarding, type, reason, action, note) -> { };
    }

    @Override
    public Parallelizer parallelizer() {
        return (pieces, piece) -> {
            for (int i = 0; i < pieces; i++) {
                piece.accept(i);
            }
        };
    }

    @Override
    public List<PodInfo> nominatedPodsForNode(String nodeName) {
        return List.of();
    }

    @Override
    public Status runFilterPluginsWithNominatedPods(CycleState state, Pod pod, NodeInfo nodeInfo) {
        throw new UnsupportedOperationException("TestHandle has no framework; use a real Framework for this");
    }

    @Override
    public Status runPreFilterExtensionAddPod(CycleState state, Pod podToSchedule, PodInfo podToAdd, NodeInfo nodeInfo) {
        throw new UnsupportedOperationException("TestHandle has no framework; use a real Framework for this");
    }

    @Override
    public Status runPreFilterExtensionRemovePod(CycleState state, Pod podToSchedule, PodInfo podToRemove, NodeInfo nodeInfo) {
        throw new UnsupportedOperationException("TestHandle has no framework; use a real Framework for this");
    }
}
