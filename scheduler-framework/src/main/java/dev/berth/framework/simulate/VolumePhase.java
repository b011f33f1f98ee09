package dev.berth.framework.simulate;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;

/**
 * What the PersistentVolume controller would have done before scheduling starts: a volume without a
 * phase is {@code Bound} when it has a claimRef and {@code Available} otherwise. VolumeBinding only
 * offers Available volumes, so a scenario need not spell out the status.
 */
final class VolumePhase {

    private VolumePhase() {
    }

    static PersistentVolume fill(PersistentVolume pv) {
        if (pv.getStatus() != null && pv.getStatus().getPhase() != null) {
            return pv;
        }
        boolean claimed = pv.getSpec() != null && pv.getSpec().getClaimRef() != null;
        return new PersistentVolumeBuilder(pv).editOrNewStatus().withPhase(claimed ? "Bound" : "Available").endStatus().build();
    }
}
