package dev.berth.plugins.defaultpreemption;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.Resource;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small Filter/PreFilter plugins standing in for upstream's test plugins ({@code tf.FakeFilterPlugin},
 * {@code TrueFilter}, {@code FalseFilter}, {@code MatchFilter}, the {@code test-plugin} PreFilter extensions)
 * and for NodeResourcesFit, which is built elsewhere.
 */
final class FakePlugins {

    /** Upstream's {@code tf.ErrReasonFake}. */
    static final String ERR_REASON_FAKE = "Nodes failed the fake plugin";

    private FakePlugins() {
    }

    /**
     * The subset of NodeResourcesFit the upstream preemption tests rely on: pod count, CPU and memory, with
     * NodeResourcesFit's reasons. Needs no PreFilter extensions because it reads everything from the NodeInfo.
     */
    static final class ResourceFit implements PreFilterPlugin, FilterPlugin {

        private record Requests(Resource resource) implements CycleState.StateData {
            @Override
            public CycleState.StateData copy() {
                return this;
            }
        }

        private static final StateKey<Requests> KEY = StateKey.of("PreFilterFakeResourceFit", Requests.class);

        @Override
        public String name() {
            return "FakeResourceFit";
        }

        @Override
        public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
            state.write(KEY, new Requests(PodInfo.of(pod).requests()));
            return PreFilterResult.allNodes();
        }

        @Override
        public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
            Resource request = state.require(KEY).resource();
            Resource allocatable = nodeInfo.allocatable();
            Resource requested = nodeInfo.requested();
            List<String> reasons = new ArrayList<>();
            if (nodeInfo.pods().size() + 1 > allocatable.get(Resource.PODS)) {
                reasons.add("Too many pods");
            }
            if (request.milliCpu() > 0 && request.milliCpu() > allocatable.milliCpu() - requested.milliCpu()) {
                reasons.add("Insufficient cpu");
            }
            if (request.memory() > 0 && request.memory() > allocatable.memory() - requested.memory()) {
                reasons.add("Insufficient memory");
            }
            return reasons.isEmpty() ? Status.SUCCESS : Status.unschedulable(reasons.toArray(String[]::new));
        }
    }

    /** Passes every node. */
    static final class TrueFilter implements FilterPlugin {
        @Override
        public String name() {
            return "TrueFilter";
        }

        @Override
        public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
            return Status.SUCCESS;
        }
    }

    /** Rejects every node. */
    static final class FalseFilter implements FilterPlugin {
        @Override
        public String name() {
            return "FalseFilter";
        }

        @Override
        public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
            return Status.unschedulable(ERR_REASON_FAKE);
        }
    }

    /** Passes only the node named like the pod. */
    static final class MatchFilter implements FilterPlugin {
        @Override
        public String name() {
            return "MatchFilter";
        }

        @Override
        public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
            return pod.getMetadata().getName().equals(nodeInfo.nodeName()) ? Status.SUCCESS : Status.unschedulable(ERR_REASON_FAKE);
        }
    }

    /** Counts its calls and returns the configured code per node name (success when none). */
    static final class CountingFilter implements FilterPlugin {

        private final Map<String, Status.Code> codes;
        private final AtomicInteger calls = new AtomicInteger();

        CountingFilter(Map<String, Status.Code> codes) {
            this.codes = codes;
        }

        @Override
        public String name() {
            return "FakeFilter";
        }

        @Override
        public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
            calls.incrementAndGet();
            Status.Code code = codes.get(nodeInfo.nodeName());
            return code == null ? Status.SUCCESS : Status.of(code, "injecting failure for pod " + pod.getMetadata().getName());
        }

        int calls() {
            return calls.get();
        }
    }

    /** Upstream's {@code test-plugin}: its PreFilter extensions fail on nodes labelled {@code error=true}. */
    static final class ErrorOnLabelledNode implements PreFilterPlugin, PreFilterPlugin.PreFilterExtensions {

        @Override
        public String name() {
            return "test-plugin";
        }

        @Override
        public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
            return PreFilterResult.allNodes();
        }

        @Override
        public Optional<PreFilterExtensions> preFilterExtensions() {
            return Optional.of(this);
        }

        @Override
        public Status addPod(CycleState state, Pod podToSchedule, PodInfo podInfoToAdd, NodeInfo nodeInfo) {
            return failing(nodeInfo) ? Status.error("failed to add pod: " + podToSchedule.getMetadata().getName()) : Status.SUCCESS;
        }

        @Override
        public Status removePod(CycleState state, Pod podToSchedule, PodInfo podInfoToRemove, NodeInfo nodeInfo) {
            return failing(nodeInfo) ? Status.error("failed to remove pod: " + podToSchedule.getMetadata().getName()) : Status.SUCCESS;
        }

        private static boolean failing(NodeInfo nodeInfo) {
            Map<String, String> labels = nodeInfo.node().getMetadata().getLabels();
            return labels != null && "true".equals(labels.get("error"));
        }
    }
}
