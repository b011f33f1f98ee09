package dev.berth.plugins.nodevolumelimits;

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
import io.fabric8.kubernetes.api.model.CSIPersistentVolumeSource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeDriver;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits the number of CSI volumes attached to a node per driver (upstream's {@code CSILimits},
 * registered as {@code NodeVolumeLimits}). A claim counts as {@code driver/volumeHandle} of its bound
 * CSI PersistentVolume, or, while unbound (or bound to a PV that is not there), as a unique volume of
 * its StorageClass's provisioner. The new pod's volumes that no pod on the node uses yet, plus the
 * node's distinct attached volumes, must not exceed the driver's limit: CSINode
 * {@code spec.drivers[].allocatable.count}, or the node's {@code attachable-volumes-csi-<driver>}
 * allocatable.
 *
 * <p>Differs from upstream: in-tree volumes migrated to CSI (inline and PV) are not counted, and
 * VolumeAttachment objects are not counted, so the VolumeAttachment event is not registered. The new
 * pod's claims and the CSINode limits are read once in PreFilter (a claim lookup failure is reported
 * by Filter, as upstream); claims of pods on nodes are read from the local cache the first time a
 * Filter call meets them and shared for the rest of the attempt.
 */
public final class NodeVolumeLimits implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {

    public static final String NAME = "NodeVolumeLimits";

    /** Upstream's {@code ErrReasonMaxVolumeCountExceeded}. */
    static final String ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED = "node(s) exceed max volume count";

    /** Upstream's {@code CSIAttachLimitPrefix} of node allocatable keys. */
    static final String CSI_ATTACH_LIMIT_PREFIX = "attachable-volumes-csi-";
    private static final int RESOURCE_NAME_LENGTH_LIMIT = 63;
    private static final String ANN_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
    private static final StateKey<PreFilterState> KEY = StateKey.of("PreFilter" + NAME, PreFilterState.class);

    /** A volume as the attach limit sees it: a unique name and the limit key it counts against. */
    private record Attachable(String uniqueName, String limitKey) {
    }

    /** What a claim of a pod on a node resolves to; {@code volume} is null when it does not count. */
    private record Resolved(Attachable volume, Status error) {
        static final Resolved NOT_COUNTED = new Resolved(null, null);
    }

    /**
     * The new pod's volumes (or the error that resolving them gave), each node's CSINode limits, and a
     * cache of claims of pods already on nodes, filled lazily from parallel Filter calls.
     */
    record PreFilterState(Map<String, String> newVolumes, Status error, Map<String, Map<String, Long>> csiNodeLimits,
                          ConcurrentHashMap<String, Resolved> existingClaims) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            // The claim cache depends only on cluster objects, so copies may share it.
            return this;
        }
    }

    private final ClusterClient cluster;
    /** Keeps volume handles of unbound claims apart from real handles (upstream's randomVolumeIDPrefix). */
    private final String randomVolumeIdPrefix = UUID.randomUUID().toString();

    public NodeVolumeLimits(ClusterClient cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        if (volumes(pod).stream().noneMatch(v -> v.getPersistentVolumeClaim() != null || v.getEphemeral() != null)) {
            return PreFilterResult.of(Status.skip());
        }
        Map<String, String> newVolumes = new HashMap<>();
        Status error = null;
        for (Volume v : volumes(pod)) {
            Resolved r = resolve(pod, v, true);
            if (r.error != null) {
                error = r.error;
                break;
            }
            if (r.volume != null) {
                newVolumes.put(r.volume.uniqueName, r.volume.limitKey);
            }
        }
        Map<String, Map<String, Long>> limits = new HashMap<>();
        if (error == null && !newVolumes.isEmpty()) {
            for (CSINode csiNode : cluster.list(CSINode.class)) {
                limits.put(csiNode.getMetadata().getName(), driverLimits(csiNode));
            }
        }
        // Upstream resolves in Filter and reports failures per node; Berth resolves once and reports there.
        state.write(KEY, new PreFilterState(Map.copyOf(newVolumes), error, limits, new ConcurrentHashMap<>()));
        return PreFilterResult.allNodes();
    }

    private static Map<String, Long> driverLimits(CSINode csiNode) {
        Map<String, Long> limits = new HashMap<>();
        if (csiNode.getSpec() != null && csiNode.getSpec().getDrivers() != null) {
            for (CSINodeDriver d : csiNode.getSpec().getDrivers()) {
                if (d.getAllocatable() != null && d.getAllocatable().getCount() != null) {
                    limits.put(attachLimitKey(d.getName()), (long) d.getAllocatable().getCount());
                }
            }
        }
        return limits;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        if (volumes(pod).isEmpty()) {
            return Status.SUCCESS;
        }
        PreFilterState s = state.require(KEY);
        if (s.error != null) {
            return s.error;
        }
        if (s.newVolumes.isEmpty()) {
            return Status.SUCCESS;
        }
        Map<String, Long> limits = nodeLimits(nodeInfo, s.csiNodeLimits.getOrDefault(nodeInfo.nodeName(), Map.of()));
        if (limits.isEmpty()) {
            return Status.SUCCESS;
        }
        Map<String, String> attached = new HashMap<>();
        for (PodInfo existing : nodeInfo.pods()) {
            for (Volume v : volumes(existing.pod())) {
                Resolved r = resolveExisting(s, existing.pod(), v);
                if (r.error != null) {
                    return r.error;
                }
                if (r.volume != null) {
                    attached.put(r.volume.uniqueName, r.volume.limitKey);
                }
            }
        }
        Map<String, Integer> attachedCount = new HashMap<>();
        attached.values().forEach(k -> attachedCount.merge(k, 1, Integer::sum));
        Map<String, Integer> newCount = new HashMap<>();
        s.newVolumes.forEach((unique, key) -> {
            // A volume already attached for another pod does not need a new attachment.
            if (!attached.containsKey(unique)) {
                newCount.merge(key, 1, Integer::sum);
            }
        });
        for (var e : newCount.entrySet()) {
            Long max = limits.get(e.getKey());
            if (max != null && attachedCount.getOrDefault(e.getKey(), 0) + e.getValue() > max) {
                return Status.unschedulable(ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED);
            }
        }
        return Status.SUCCESS;
    }

    /** The node's allocatable attach limits, overridden by its CSINode's driver counts. */
    private static Map<String, Long> nodeLimits(NodeInfo nodeInfo, Map<String, Long> csiNodeLimits) {
        Map<String, Long> limits = new HashMap<>();
        nodeInfo.allocatable().scalarResources().forEach((name, value) -> {
            if (name.startsWith("attachable-volumes-")) {
                limits.put(name, value);
            }
        });
        limits.putAll(csiNodeLimits);
        return limits;
    }

    private Resolved resolveExisting(PreFilterState s, Pod pod, Volume v) {
        String claimName = claimName(pod, v);
        if (claimName == null) {
            return Resolved.NOT_COUNTED;
        }
        // Ephemeral ownership depends on the pod, so only plain claims are cached by name.
        if (v.getEphemeral() != null) {
            return resolve(pod, v, false);
        }
        return s.existingClaims.computeIfAbsent(pod.getMetadata().getNamespace() + "/" + claimName, k -> resolve(pod, v, false));
    }

    /**
     * Resolves one volume. For the new pod a missing claim is UnschedulableAndUnresolvable; for pods
     * already running, a missing claim is not counted since it is not known to be attached.
     */
    private Resolved resolve(Pod pod, Volume v, boolean newPod) {
        String claimName = claimName(pod, v);
        if (claimName == null) {
            return Resolved.NOT_COUNTED;
        }
        String namespace = pod.getMetadata().getNamespace();
        if (claimName.isEmpty()) {
            return new Resolved(null, Status.error("PersistentVolumeClaim had no name"));
        }
        Optional<PersistentVolumeClaim> found = cluster.get(PersistentVolumeClaim.class, namespace, claimName);
        if (found.isEmpty()) {
            return newPod
                    ? new Resolved(null, Status.unresolvable("looking up PVC " + namespace + "/" + claimName
                            + ": persistentvolumeclaim \"" + claimName + "\" not found"))
                    : Resolved.NOT_COUNTED;
        }
        PersistentVolumeClaim pvc = found.get();
        if (v.getEphemeral() != null && !isControlledBy(pvc, pod)) {
            return new Resolved(null, Status.error("PVC " + namespace + "/" + claimName + " was not created for pod "
                    + namespace + "/" + pod.getMetadata().getName() + " (pod is not owner)"));
        }
        Attachable a = driverInfo(pvc);
        return a == null ? Resolved.NOT_COUNTED : new Resolved(a, null);
    }

    private Attachable driverInfo(PersistentVolumeClaim pvc) {
        String pvName = pvc.getSpec() == null ? null : pvc.getSpec().getVolumeName();
        if (pvName == null || pvName.isEmpty()) {
            return driverInfoFromClass(pvc);
        }
        Optional<PersistentVolume> pv = cluster.get(PersistentVolume.class, null, pvName);
        if (pv.isEmpty()) {
            // The PV may be gone or the claim pre-bound to a PV not created yet: count by class.
            return driverInfoFromClass(pvc);
        }
        CSIPersistentVolumeSource csi = pv.get().getSpec() == null ? null : pv.get().getSpec().getCsi();
        if (csi == null || isEmpty(csi.getDriver()) || isEmpty(csi.getVolumeHandle())) {
            return null;
        }
        return new Attachable(csi.getDriver() + "/" + csi.getVolumeHandle(), attachLimitKey(csi.getDriver()));
    }

    private Attachable driverInfoFromClass(PersistentVolumeClaim pvc) {
        String className = claimClass(pvc);
        if (className.isEmpty()) {
            // Without a class the claim binds immediately, so it must already be bound to count.
            return null;
        }
        Optional<StorageClass> sc = cluster.get(StorageClass.class, null, className);
        if (sc.isEmpty() || isEmpty(sc.get().getProvisioner())) {
            return null;
        }
        String provisioner = sc.get().getProvisioner();
        String handle = randomVolumeIdPrefix + "-" + pvc.getMetadata().getNamespace() + "/" + pvc.getMetadata().getName();
        return new Attachable(provisioner + "/" + handle, attachLimitKey(provisioner));
    }

    /**
     * The node allocatable key of a driver's limit (upstream's {@code GetCSIAttachLimitKey}): names
     * too long for a resource name are shortened to 23 characters plus 16 hex digits of their SHA-1.
     */
    static String attachLimitKey(String driver) {
        if (CSI_ATTACH_LIMIT_PREFIX.length() + driver.length() < RESOURCE_NAME_LENGTH_LIMIT) {
            return CSI_ATTACH_LIMIT_PREFIX + driver;
        }
        try {
            byte[] sha = MessageDigest.getInstance("SHA-1").digest(driver.getBytes(StandardCharsets.UTF_8));
            return CSI_ATTACH_LIMIT_PREFIX + driver.substring(0, 23) + HexFormat.of().formatHex(sha).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }

    private static boolean isControlledBy(PersistentVolumeClaim pvc, Pod pod) {
        List<OwnerReference> owners = pvc.getMetadata().getOwnerReferences();
        if (owners == null) {
            return false;
        }
        return owners.stream().anyMatch(o -> Boolean.TRUE.equals(o.getController()) && Objects.equals(o.getUid(), pod.getMetadata().getUid()));
    }

    /** The claim a volume uses: its PVC or, for a generic ephemeral volume, {@code <pod>-<volume>}. */
    private static String claimName(Pod pod, Volume v) {
        if (v.getPersistentVolumeClaim() != null) {
            String name = v.getPersistentVolumeClaim().getClaimName();
            return name == null ? "" : name;
        }
        if (v.getEphemeral() != null) {
            return pod.getMetadata().getName() + "-" + v.getName();
        }
        return null;
    }

    private static String claimClass(PersistentVolumeClaim pvc) {
        Map<String, String> annotations = pvc.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(ANN_STORAGE_CLASS)) {
            return annotations.get(ANN_STORAGE_CLASS);
        }
        String name = pvc.getSpec() == null ? null : pvc.getSpec().getStorageClassName();
        return name == null ? "" : name;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static List<Volume> volumes(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
    }

    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(
                ClusterEventWithHint.of(ClusterEvent.of(ClusterEvent.CSI_NODE, ActionType.ADD)),
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.POD, ActionType.DELETE), NodeVolumeLimits::hintPodDeleted),
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.PERSISTENT_VOLUME_CLAIM, ActionType.ADD), NodeVolumeLimits::hintClaimAdded));
    }

    /** A scheduled pod with claims (plain or ephemeral) was deleted and may have freed attachments. */
    static QueueingHint hintPodDeleted(Pod pod, Object oldObj, Object newObj) {
        Pod deleted = (Pod) oldObj;
        if (volumes(deleted).isEmpty() || deleted.getSpec().getNodeName() == null || deleted.getSpec().getNodeName().isEmpty()) {
            return QueueingHint.QUEUE_SKIP;
        }
        return volumes(deleted).stream().anyMatch(v -> v.getPersistentVolumeClaim() != null || v.getEphemeral() != null)
                ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    /** A claim the pod uses was created in its namespace. */
    static QueueingHint hintClaimAdded(Pod pod, Object oldObj, Object newObj) {
        PersistentVolumeClaim pvc = (PersistentVolumeClaim) newObj;
        if (!Objects.equals(pvc.getMetadata().getNamespace(), pod.getMetadata().getNamespace())) {
            return QueueingHint.QUEUE_SKIP;
        }
        for (Volume v : volumes(pod)) {
            String name = claimName(pod, v);
            if (name != null && name.equals(pvc.getMetadata().getName())) {
                return QueueingHint.QUEUE;
            }
        }
        return QueueingHint.QUEUE_SKIP;
    }

    /** Registers {@link NodeVolumeLimits}; it takes no args. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new NodeVolumeLimits(handle.clusterClient()));
        }
    }
}
