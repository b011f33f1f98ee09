package dev.berth.app.bench;

import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.StateKey;
import java.util.List;
import dev.berth.framework.api.Resource;
import dev.berth.framework.api.ScorePlugin;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The framework benchmark's plugin: CPU, memory and pod-count fit as Filter, least-allocated as
 * Score. Deliberately minimal, so the benchmark measures the runtime (queue, cache, snapshot,
 * fan-out, binding) rather than plugin logic; the default plugin set has its own benchmark.
 */
final class SimpleResourceFit implements PreFilterPlugin, FilterPlugin, ScorePlugin {

    static final String NAME = "SimpleResourceFit";

    /** The pod's requests, parsed once per attempt in PreFilter. */
    private record Requests(Resource resource) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    private static final StateKey<Requests> KEY = StateKey.of("PreFilter" + NAME, Requests.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        state.write(KEY, new Requests(Resource.podRequests(pod)));
        return PreFilterResult.allNodes();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Resource want = state.require(KEY).resource();
        Resource alloc = nodeInfo.allocatable();
        Resource used = nodeInfo.requested();
        if (nodeInfo.pods().size() + 1 > alloc.allowedPodNumber()) {
            return Status.unschedulable("Too many pods");
        }
        if (want.milliCpu() > alloc.milliCpu() - used.milliCpu()) {
            return Status.unschedulable("Insufficient cpu");
        }
        if (want.memory() > alloc.memory() - used.memory()) {
            return Status.unschedulable("Insufficient memory");
        }
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Resource alloc = nodeInfo.allocatable();
        Resource used = nodeInfo.requested();
        return (free(alloc.milliCpu(), used.milliCpu()) + free(alloc.memory(), used.memory())) / 2;
    }

    private static long free(long capacity, long requested) {
        return capacity == 0 || requested > capacity ? 0 : (capacity - requested) * MAX_NODE_SCORE / capacity;
    }

    /** Registers the plugin for the benchmark's profile. */
    static final class Factory extends BasePluginFactory {
        Factory() {
            super(NAME, (args, handle) -> new SimpleResourceFit());
        }
    }
}
