package dev.berth.plugins.noderesources;

import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PreScorePlugin;
import dev.berth.framework.api.ScorePlugin;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * Favors nodes whose resource utilization becomes more balanced with the pod on them (upstream's
 * {@code NodeResourcesBalancedAllocation}, current formula): for the configured resources (cpu and
 * memory by default) the balance of a node is {@code (1 - std) * 100} of the utilization fractions,
 * and the score is {@code 50 + (50 + balanceWithPod - balanceWithoutPod) / 2}. Real requests are used
 * (no non-zero defaults); a scalar resource the pod does not request is left out; a pod requesting
 * none of the resources is skipped in PreScore.
 *
 * <p>Differences from upstream: DRA-backed extended resources and pod-level resources are not
 * supported.
 */
public final class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {

    public static final String NAME = "NodeResourcesBalancedAllocation";

    static final StateKey<PreScoreState> PRE_SCORE_KEY = StateKey.of("PreScore" + NAME, PreScoreState.class);

    private final ResourceAllocation allocation;

    /** A plugin for already validated args. */
    public NodeResourcesBalancedAllocation(NodeResourcesBalancedAllocationArgs args) {
        this.allocation = new ResourceAllocation(args.resources(), true, AllocationScorer.balanced());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        long[] podRequests = allocation.podRequests(pod);
        if (ResourceAllocation.isBestEffort(podRequests)) {
            return Status.skip();
        }
        state.write(PRE_SCORE_KEY, new PreScoreState(podRequests));
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        var preScored = state.read(PRE_SCORE_KEY);
        long[] podRequests = preScored.isPresent() ? preScored.get().podRequests() : allocation.podRequests(pod);
        if (preScored.isEmpty() && ResourceAllocation.isBestEffort(podRequests)) {
            return 0;
        }
        return allocation.score(nodeInfo, podRequests);
    }

    /** Registers {@link NodeResourcesBalancedAllocation}; args are {@link NodeResourcesBalancedAllocationArgs}. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> {
                NodeResourcesBalancedAllocationArgs balancedArgs = args.decode(NodeResourcesBalancedAllocationArgs.class);
                balancedArgs.validate();
                return new NodeResourcesBalancedAllocation(balancedArgs);
            });
        }
    }
}
