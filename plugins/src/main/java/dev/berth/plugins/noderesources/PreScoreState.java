package dev.berth.plugins.noderesources;

import dev.berth.framework.api.CycleState;

/** The pod's request of each configured scoring resource, computed once in PreScore. Never mutated. */
record PreScoreState(long[] podRequests) implements CycleState.StateData {

    @Override
    public CycleState.StateData copy() {
        return this;
    }
}
