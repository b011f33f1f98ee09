package dev.berth.plugins.volumezone;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the zone and region labels of the PersistentVolumes bound to the pod's claims match
 * the node's labels (upstream's {@code VolumeZone}). Only bound claims count; unbound claims of a
 * WaitForFirstConsumer class are left to VolumeBinding. A node without any topology label passes
 * (single-zone clusters), and a beta label on the PV may be matched by the GA label on the node.
 *
 * <p>Berth registers the events upstream registers with scheduling queue hints enabled (Berth's queue
 * always uses hints), so Node/UpdateNodeTaint is not registered. NotFound reasons use the wording of
 * upstream's informer listers ({@code persistentvolumeclaim "x" not found}).
 */
public final class VolumeZone implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {

    public static final String NAME = "VolumeZone";

    /** Upstream's {@code ErrReasonConflict}. */
    static final String ERR_REASON_CONFLICT = "node(s) had no available volume zone";
    static final String ERR_PVC_NO_NAME = "PersistentVolumeClaim had no name";
    static final String ERR_NO_PV_NO_CLASS = "PersistentVolumeClaim had no pv name and storageClass name";
    static final String ERR_PV_NO_NAME = "PersistentVolume had no name";

    static final String LABEL_BETA_ZONE = "failure-domain.beta.kubernetes.io/zone";
    static final String LABEL_BETA_REGION = "failure-domain.beta.kubernetes.io/region";
    static final String LABEL_ZONE = "topology.kubernetes.io/zone";
    static final String LABEL_REGION = "topology.kubernetes.io/region";
    /** The order upstream checks the labels in. */
    private static final List<String> TOPOLOGY_LABELS = List.of(LABEL_BETA_ZONE, LABEL_BETA_REGION, LABEL_ZONE, LABEL_REGION);
    /** Separates the zones of a multi-zone PV label value (upstream's {@code LabelMultiZoneDelimiter}). */
    private static final String MULTI_ZONE_DELIMITER = "__";
    private static final String ANN_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
    private static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

    private static final Set<ActionType> ADD_OR_UPDATE = addOrUpdate();
    private static final Logger LOG = LoggerFactory.getLogger(VolumeZone.class);
    private static final StateKey<PreFilterState> KEY = StateKey.of("PreFilter" + NAME, PreFilterState.class);

    /** The values one topology label of one PV allows. */
    record PvTopology(String pvName, String key, Set<String> values) {
    }

    /** The topologies of the pod's bound PVs; immutable. */
    record PreFilterState(List<PvTopology> topologies) implements CycleState.StateData {
        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    /** Topologies or the status that explains why they could not be read. */
    private record Lookup(List<PvTopology> topologies, Status status) {
    }

    private final ClusterClient cluster;

    public VolumeZone(ClusterClient cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        Lookup lookup = lookupTopologies(pod);
        if (lookup.status != null) {
            return PreFilterResult.of(lookup.status);
        }
        if (lookup.topologies.isEmpty()) {
            return PreFilterResult.of(Status.skip());
        }
        state.write(KEY, new PreFilterState(lookup.topologies));
        return PreFilterResult.allNodes();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        if (volumes(pod).isEmpty()) {
            return Status.SUCCESS;
        }
        List<PvTopology> topologies;
        Optional<PreFilterState> pre = state.read(KEY);
        if (pre.isPresent()) {
            topologies = pre.get().topologies();
        } else {
            // Upstream recomputes when PreFilter skipped or did not run; reads hit the local cache only.
            Lookup lookup = lookupTopologies(pod);
            if (lookup.status != null) {
                return lookup.status;
            }
            topologies = lookup.topologies;
        }
        Map<String, String> labels = nodeInfo.node().getMetadata().getLabels();
        if (labels == null || TOPOLOGY_LABELS.stream().noneMatch(labels::containsKey)) {
            // A node without topology labels is fine: single-zone clusters often have none.
            return Status.SUCCESS;
        }
        for (PvTopology t : topologies) {
            String value = labels.containsKey(t.key) ? labels.get(t.key) : labels.get(toGaLabel(t.key));
            if (value == null || !t.values.contains(value)) {
                LOG.trace("volume {} of pod {} does not fit node {} on {}", t.pvName, pod.getMetadata().getName(), nodeInfo.nodeName(), t.key);
                return Status.unresolvable(ERR_REASON_CONFLICT);
            }
        }
        return Status.SUCCESS;
    }

    private static Set<ActionType> addOrUpdate() {
        EnumSet<ActionType> set = EnumSet.copyOf(ActionType.UPDATE);
        set.add(ActionType.ADD);
        return set;
    }

    private static String toGaLabel(String label) {
        return switch (label) {
            case LABEL_BETA_REGION -> LABEL_REGION;
            case LABEL_BETA_ZONE -> LABEL_ZONE;
            default -> label;
        };
    }

    private Lookup lookupTopologies(Pod pod) {
        List<PvTopology> out = new ArrayList<>();
        String namespace = pod.getMetadata().getNamespace();
        for (String claimName : claimNames(pod)) {
            if (claimName == null || claimName.isEmpty()) {
                return new Lookup(null, Status.unresolvable(ERR_PVC_NO_NAME));
            }
            Optional<PersistentVolumeClaim> pvc = cluster.get(PersistentVolumeClaim.class, namespace, claimName);
            if (pvc.isEmpty()) {
                return new Lookup(null, Status.unresolvable(notFound("persistentvolumeclaim", claimName)));
            }
            String pvName = pvc.get().getSpec() == null ? null : pvc.get().getSpec().getVolumeName();
            if (pvName == null || pvName.isEmpty()) {
                String className = claimClass(pvc.get());
                if (className.isEmpty()) {
                    return new Lookup(null, Status.unresolvable(ERR_NO_PV_NO_CLASS));
                }
                Optional<StorageClass> sc = cluster.get(StorageClass.class, null, className);
                if (sc.isEmpty()) {
                    return new Lookup(null, Status.unresolvable(notFound("storageclass.storage.k8s.io", className)));
                }
                String mode = sc.get().getVolumeBindingMode();
                if (mode == null) {
                    return new Lookup(null, Status.unresolvable("VolumeBindingMode not set for StorageClass \"" + className + "\""));
                }
                if (WAIT_FOR_FIRST_CONSUMER.equals(mode)) {
                    continue;
                }
                return new Lookup(null, Status.unresolvable(ERR_PV_NO_NAME));
            }
            Optional<PersistentVolume> pv = cluster.get(PersistentVolume.class, null, pvName);
            if (pv.isEmpty()) {
                return new Lookup(null, Status.unresolvable(notFound("persistentvolume", pvName)));
            }
            out.addAll(topologiesOf(pv.get()));
        }
        return new Lookup(List.copyOf(out), null);
    }

    /** The PV's topology labels; a label with an empty zone in its list is ignored, as upstream. */
    static List<PvTopology> topologiesOf(PersistentVolume pv) {
        Map<String, String> labels = pv.getMetadata().getLabels();
        if (labels == null) {
            return List.of();
        }
        List<PvTopology> out = new ArrayList<>();
        for (String key : TOPOLOGY_LABELS) {
            String value = labels.get(key);
            if (value == null) {
                continue;
            }
            Set<String> zones = new LinkedHashSet<>();
            boolean valid = true;
            for (String zone : value.split(MULTI_ZONE_DELIMITER, -1)) {
                String trimmed = zone.strip();
                if (trimmed.isEmpty()) {
                    valid = false;
                    break;
                }
                zones.add(trimmed);
            }
            if (valid) {
                out.add(new PvTopology(pv.getMetadata().getName(), key, Set.copyOf(zones)));
            } else {
                LOG.debug("ignoring topology label {}={} of PV {}: empty zone", key, value, pv.getMetadata().getName());
            }
        }
        return out;
    }

    private static String notFound(String resource, String name) {
        return resource + " \"" + name + "\" not found";
    }

    private static String claimClass(PersistentVolumeClaim pvc) {
        Map<String, String> annotations = pvc.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(ANN_STORAGE_CLASS)) {
            return annotations.get(ANN_STORAGE_CLASS);
        }
        String name = pvc.getSpec() == null ? null : pvc.getSpec().getStorageClassName();
        return name == null ? "" : name;
    }

    private static List<Volume> volumes(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
    }

    private static List<String> claimNames(Pod pod) {
        List<String> names = new ArrayList<>();
        for (Volume v : volumes(pod)) {
            if (v.getPersistentVolumeClaim() != null) {
                names.add(v.getPersistentVolumeClaim().getClaimName());
            }
        }
        return names;
    }

    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.STORAGE_CLASS, ActionType.ADD), VolumeZone::hintStorageClassAdded),
                ClusterEventWithHint.of(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.UPDATE_NODE_LABEL)),
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.PERSISTENT_VOLUME_CLAIM, ADD_OR_UPDATE), VolumeZone::hintClaimChanged),
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.PERSISTENT_VOLUME, ADD_OR_UPDATE), VolumeZone::hintVolumeChanged));
    }

    /** Only a new WaitForFirstConsumer class can turn "no pv name" into a skipped claim. */
    static QueueingHint hintStorageClassAdded(Pod pod, Object oldObj, Object newObj) {
        StorageClass sc = (StorageClass) newObj;
        return WAIT_FOR_FIRST_CONSUMER.equals(sc.getVolumeBindingMode()) ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    /** A claim the pod uses, in its namespace, was added or updated. */
    static QueueingHint hintClaimChanged(Pod pod, Object oldObj, Object newObj) {
        PersistentVolumeClaim pvc = (PersistentVolumeClaim) newObj;
        if (pvc == null || !pvc.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace())) {
            return QueueingHint.QUEUE_SKIP;
        }
        return claimNames(pod).contains(pvc.getMetadata().getName()) ? QueueingHint.QUEUE : QueueingHint.QUEUE_SKIP;
    }

    /** A new PV, or a PV whose topology labels changed. */
    static QueueingHint hintVolumeChanged(Pod pod, Object oldObj, Object newObj) {
        if (oldObj == null) {
            return QueueingHint.QUEUE;
        }
        List<PvTopology> before = topologiesOf((PersistentVolume) oldObj);
        List<PvTopology> after = topologiesOf((PersistentVolume) newObj);
        return before.equals(after) ? QueueingHint.QUEUE_SKIP : QueueingHint.QUEUE;
    }

    /** Registers {@link VolumeZone}; it takes no args. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new VolumeZone(handle.clusterClient()));
        }
    }
}
