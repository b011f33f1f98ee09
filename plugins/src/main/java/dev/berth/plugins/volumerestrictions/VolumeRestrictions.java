package dev.berth.plugins.volumerestrictions;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.AWSElasticBlockStoreVolumeSource;
import io.fabric8.kubernetes.api.model.GCEPersistentDiskVolumeSource;
import io.fabric8.kubernetes.api.model.ISCSIVolumeSource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.RBDVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rejects nodes where the pod's volumes conflict with volumes already mounted there (upstream's
 * {@code VolumeRestrictions}): the same GCE PD unless every mount is read-only, the same AWS EBS
 * volume, the same RBD image (overlapping monitors, same pool and image) unless all read-only, the
 * same iSCSI IQN unless all read-only. It also enforces the ReadWriteOncePod access mode: a pod
 * whose RWOP claim is already used by a pod anywhere in the cluster is unschedulable on every node
 * (preemption may free it, hence Unschedulable rather than unresolvable).
 *
 * <p>Berth registers upstream's events with queue hints enabled (Node/Add only). The RWOP users are
 * counted from the snapshot's {@link NodeInfo#pvcRefCounts()} in PreFilter, as upstream's
 * {@code IsPVCUsedByPods}.
 */
public final class VolumeRestrictions implements PreFilterPlugin, FilterPlugin, EnqueueExtensions,
        PreFilterPlugin.PreFilterExtensions {

    public static final String NAME = "VolumeRestrictions";

    /** Upstream's {@code ErrReasonDiskConflict}. */
    static final String ERR_REASON_DISK_CONFLICT = "node(s) had no available disk";
    /** Upstream's {@code ErrReasonReadWriteOncePodConflict}. */
    static final String ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT =
            "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode";

    private static final String READ_WRITE_ONCE_POD = "ReadWriteOncePod";
    private static final StateKey<PreFilterState> KEY = StateKey.of("PreFilter" + NAME, PreFilterState.class);

    /**
     * The pod's ReadWriteOncePod claim names and how many scheduled pods use them. The count changes
     * in AddPod/RemovePod, so copies are independent.
     */
    static final class PreFilterState implements CycleState.StateData {
        private final Set<String> readWriteOncePodClaims;
        private int conflictingClaimRefCount;

        PreFilterState(Set<String> readWriteOncePodClaims, int conflictingClaimRefCount) {
            this.readWriteOncePodClaims = readWriteOncePodClaims;
            this.conflictingClaimRefCount = conflictingClaimRefCount;
        }

        void updateWithPod(Pod pod, int multiplier) {
            int conflicts = 0;
            for (Volume v : volumes(pod)) {
                if (v.getPersistentVolumeClaim() != null && readWriteOncePodClaims.contains(v.getPersistentVolumeClaim().getClaimName())) {
                    conflicts++;
                }
            }
            conflictingClaimRefCount += multiplier * conflicts;
        }

        @Override
        public CycleState.StateData copy() {
            return new PreFilterState(readWriteOncePodClaims, conflictingClaimRefCount);
        }
    }

    private final ClusterClient cluster;

    public VolumeRestrictions(ClusterClient cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        boolean needsCheck = volumes(pod).stream().anyMatch(VolumeRestrictions::needsRestrictionsCheck);
        Set<String> rwopClaims = new HashSet<>();
        String namespace = pod.getMetadata().getNamespace();
        for (Volume v : volumes(pod)) {
            if (v.getPersistentVolumeClaim() == null) {
                continue;
            }
            String claimName = v.getPersistentVolumeClaim().getClaimName();
            Optional<PersistentVolumeClaim> pvc = cluster.get(PersistentVolumeClaim.class, namespace, claimName);
            if (pvc.isEmpty()) {
                return PreFilterResult.of(Status.unresolvable("persistentvolumeclaim \"" + claimName + "\" not found"));
            }
            List<String> modes = pvc.get().getSpec() == null ? null : pvc.get().getSpec().getAccessModes();
            if (modes != null && modes.contains(READ_WRITE_ONCE_POD)) {
                rwopClaims.add(claimName);
            }
        }
        int conflicts = 0;
        for (String claim : rwopClaims) {
            String key = namespace + "/" + claim;
            // At most one pod may use a ReadWriteOncePod claim, so one user anywhere is one conflict.
            if (nodes.stream().anyMatch(n -> n.pvcRefCounts().containsKey(key))) {
                conflicts++;
            }
        }
        if (!needsCheck && conflicts == 0) {
            return PreFilterResult.of(Status.skip());
        }
        state.write(KEY, new PreFilterState(Collections.unmodifiableSet(rwopClaims), conflicts));
        return PreFilterResult.allNodes();
    }

    @Override
    public Optional<PreFilterExtensions> preFilterExtensions() {
        return Optional.of(this);
    }

    @Override
    public Status addPod(CycleState state, Pod podToSchedule, PodInfo podInfoToAdd, NodeInfo nodeInfo) {
        state.require(KEY).updateWithPod(podInfoToAdd.pod(), 1);
        return Status.SUCCESS;
    }

    @Override
    public Status removePod(CycleState state, Pod podToSchedule, PodInfo podInfoToRemove, NodeInfo nodeInfo) {
        state.require(KEY).updateWithPod(podInfoToRemove.pod(), -1);
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        for (PodInfo existing : nodeInfo.pods()) {
            if (volumesConflict(pod, existing.pod())) {
                return Status.unschedulable(ERR_REASON_DISK_CONFLICT);
            }
        }
        if (state.require(KEY).conflictingClaimRefCount > 0) {
            return Status.unschedulable(ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT);
        }
        return Status.SUCCESS;
    }

    /** True if a volume of {@code pod} conflicts with a volume of {@code existing}. */
    private static boolean volumesConflict(Pod pod, Pod existing) {
        for (Volume v : volumes(pod)) {
            if (needsRestrictionsCheck(v) && conflicts(v, existing)) {
                return true;
            }
        }
        return false;
    }

    private static boolean needsRestrictionsCheck(Volume v) {
        return v.getGcePersistentDisk() != null || v.getAwsElasticBlockStore() != null || v.getRbd() != null || v.getIscsi() != null;
    }

    private static boolean conflicts(Volume volume, Pod pod) {
        for (Volume existing : volumes(pod)) {
            if (gceConflict(volume.getGcePersistentDisk(), existing.getGcePersistentDisk())
                    || awsConflict(volume.getAwsElasticBlockStore(), existing.getAwsElasticBlockStore())
                    || iscsiConflict(volume.getIscsi(), existing.getIscsi())
                    || rbdConflict(volume.getRbd(), existing.getRbd())) {
                return true;
            }
        }
        return false;
    }

    /** The same PD mounted twice conflicts unless both mounts are read-only. */
    private static boolean gceConflict(GCEPersistentDiskVolumeSource a, GCEPersistentDiskVolumeSource b) {
        return a != null && b != null && Objects.equals(a.getPdName(), b.getPdName()) && !(isTrue(a.getReadOnly()) && isTrue(b.getReadOnly()));
    }

    /** EBS volumes cannot be attached twice, read-only or not. */
    private static boolean awsConflict(AWSElasticBlockStoreVolumeSource a, AWSElasticBlockStoreVolumeSource b) {
        return a != null && b != null && Objects.equals(a.getVolumeID(), b.getVolumeID());
    }

    /** iSCSI volumes are the same when they share the IQN; only read-only mounts may share it. */
    private static boolean iscsiConflict(ISCSIVolumeSource a, ISCSIVolumeSource b) {
        return a != null && b != null && Objects.equals(a.getIqn(), b.getIqn()) && !(isTrue(a.getReadOnly()) && isTrue(b.getReadOnly()));
    }

    /** RBD images are the same when a monitor is shared and pool and image match. */
    private static boolean rbdConflict(RBDVolumeSource a, RBDVolumeSource b) {
        return a != null && b != null && haveOverlap(a.getMonitors(), b.getMonitors())
                && Objects.equals(a.getPool(), b.getPool()) && Objects.equals(a.getImage(), b.getImage())
                && !(isTrue(a.getReadOnly()) && isTrue(b.getReadOnly()));
    }

    private static boolean haveOverlap(List<String> a, List<String> b) {
        if (a == null || b == null) {
            return false;
        }
        Set<String> set = new HashSet<>(a);
        return b.stream().anyMatch(set::contains);
    }

    private static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    private static List<Volume> volumes(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
    }

    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.POD, ActionType.DELETE), VolumeRestrictions::hintPodDeleted),
                ClusterEventWithHint.of(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD)),
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.PERSISTENT_VOLUME_CLAIM, ActionType.ADD), VolumeRestrictions::hintClaimAdded));
    }

    /** A claim the pod uses was created in its namespace. */
    static QueueingHint hintClaimAdded(Pod pod, Object oldObj, Object newObj) {
        PersistentVolumeClaim pvc = (PersistentVolumeClaim) newObj;
        if (!Objects.equals(pvc.getMetadata().getNamespace(), pod.getMetadata().getNamespace())) {
            return QueueingHint.QUEUE_SKIP;
        }
        for (Volume v : volumes(pod)) {
            if (v.getPersistentVolumeClaim() != null && v.getPersistentVolumeClaim().getClaimName().equals(pvc.getMetadata().getName())) {
                return QueueingHint.QUEUE;
            }
        }
        return QueueingHint.QUEUE_SKIP;
    }

    /**
     * A deleted pod in the same namespace that held a conflicting disk or shared a claim with the
     * pod (the claim's access mode is not fetched, as upstream, to keep the hint cheap).
     */
    static QueueingHint hintPodDeleted(Pod pod, Object oldObj, Object newObj) {
        Pod deleted = (Pod) oldObj;
        if (!Objects.equals(deleted.getMetadata().getNamespace(), pod.getMetadata().getNamespace())) {
            return QueueingHint.QUEUE_SKIP;
        }
        if (volumesConflict(pod, deleted)) {
            return QueueingHint.QUEUE;
        }
        Set<String> claims = new HashSet<>();
        for (Volume v : volumes(pod)) {
            if (v.getPersistentVolumeClaim() != null) {
                claims.add(v.getPersistentVolumeClaim().getClaimName());
            }
        }
        for (Volume v : volumes(deleted)) {
            if (v.getPersistentVolumeClaim() != null && claims.contains(v.getPersistentVolumeClaim().getClaimName())) {
                return QueueingHint.QUEUE;
            }
        }
        return QueueingHint.QUEUE_SKIP;
    }

    /** Registers {@link VolumeRestrictions}; it takes no args. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new VolumeRestrictions(handle.clusterClient()));
        }
    }
}
