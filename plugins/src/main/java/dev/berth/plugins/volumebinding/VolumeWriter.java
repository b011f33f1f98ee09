package dev.berth.plugins.volumebinding;

import dev.berth.framework.api.ClusterException;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

/**
 * Writes the binding of claims and volumes to the cluster. {@link dev.berth.framework.api.ClusterClient}
 * has no update method for PersistentVolumes and PersistentVolumeClaims, so the writer is injected;
 * without one, PreBind fails with {@link #UNSUPPORTED}'s explanation.
 */
interface VolumeWriter {

    /** The writer used when nothing is injected: every write fails and says why. */
    VolumeWriter UNSUPPORTED = new VolumeWriter() {
        @Override
        public PersistentVolume update(PersistentVolume pv) {
            throw unsupported();
        }

        @Override
        public PersistentVolumeClaim update(PersistentVolumeClaim pvc) {
            throw unsupported();
        }

        private ClusterException unsupported() {
            return new ClusterException(ClusterException.Reason.OTHER,
                    "VolumeBinding cannot bind volumes: the cluster client has no update for PersistentVolumes and PersistentVolumeClaims");
        }
    };

    /** Replaces a PV; returns the stored object. */
    PersistentVolume update(PersistentVolume pv);

    /** Replaces a PVC; returns the stored object. */
    PersistentVolumeClaim update(PersistentVolumeClaim pvc);
}
