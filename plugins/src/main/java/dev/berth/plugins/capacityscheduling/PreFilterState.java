package dev.berth.plugins.capacityscheduling;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.Resource;

/**
 * What PreFilter computed for PostFilter (upstream's {@code PreFilterState}). Never changed after
 * PreFilter, so copies share it.
 *
 * @param podRequest the pod's requests
 * @param nominatedInQuotaWithPod the pod's requests plus those of pods nominated in its namespace that
 *        are at least as important
 * @param nominatedWithPod {@code nominatedInQuotaWithPod} plus the requests of pods nominated in other
 *        namespaces whose quota does not borrow
 */
record PreFilterState(Resource podRequest, Resource nominatedInQuotaWithPod, Resource nominatedWithPod)
        implements CycleState.StateData {

    @Override
    public PreFilterState copy() {
        return this;
    }
}
