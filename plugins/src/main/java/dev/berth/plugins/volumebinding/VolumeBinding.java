package dev.berth.plugins.volumebinding;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.ClusterException;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.EnqueueExtensions;
import dev.berth.framework.api.FilterPlugin;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PreBindPlugin;
import dev.berth.framework.api.PreFilterPlugin;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.ReservePlugin;
import dev.berth.framework.api.StateKey;
import dev.berth.framework.api.Status;
import dev.berth.plugins.volumebinding.Volumes.Candidate;
import dev.berth.plugins.volumebinding.Volumes.Claim;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySelectorLabelRequirement;
import io.fabric8.kubernetes.api.model.TopologySelectorTerm;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the pod's PersistentVolumeClaims as part of scheduling (upstream's {@code VolumeBinding}).
 * PreFilter rejects pods whose claims are missing, lost, being deleted, or unbound with Immediate
 * binding, and narrows the nodes to those local PVs of bound claims are pinned to. Filter checks
 * bound claims' PV node affinity and finds, for WaitForFirstConsumer claims, the smallest fitting
 * available PV or a class that can provision on the node. Reserve assumes the chosen PVs (and the
 * selected node of claims to provision) in the plugin's assume cache, so the next pods do not pick
 * them; Unreserve forgets them. PreBind writes the bindings.
 *
 * <p>Differs from upstream: Berth binds statically matched claims itself (PV {@code claimRef} and
 * PVC {@code volumeName} with the PV controller's annotations) instead of pre-binding the PV and
 * waiting for the PV controller; claims to provision get the selected-node annotation and PreBind
 * waits up to {@code bindTimeoutSeconds} for a provisioner to bind them. CSI migration of
 * in-tree PVs, CSIStorageCapacity checks (and the CSIDriver/CSIStorageCapacity events) and the
 * StorageCapacityScoring score are not implemented. Events are upstream's with queue hints enabled.
 */
public final class VolumeBinding implements PreFilterPlugin, FilterPlugin, ReservePlugin, PreBindPlugin, EnqueueExtensions {

    public static final String NAME = "VolumeBinding";

    /** Upstream's {@code ErrReasonBindConflict}. */
    static final String ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
    /** Upstream's {@code ErrReasonNodeConflict}. */
    static final String ERR_REASON_NODE_CONFLICT = "node(s) had volume node affinity conflict";
    /** Upstream's {@code ErrReasonPVNotExist}. */
    static final String ERR_REASON_PV_NOT_EXIST = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";
    static final String ERR_UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";

    private static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";
    private static final String NOT_SUPPORTED_PROVISIONER = "kubernetes.io/no-provisioner";
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Set<ActionType> ADD_OR_UPDATE = addOrUpdate();
    private static final Logger LOG = LoggerFactory.getLogger(VolumeBinding.class);
    private static final StateKey<State> KEY = StateKey.of(NAME, State.class);

    /** A claim and the PV chosen for it. */
    record Binding(PersistentVolumeClaim pvc, PersistentVolume pv) {
    }

    /** What the pod's claims need on one node (upstream's {@code PodVolumes}). */
    record PodVolumes(List<Binding> staticBindings, List<PersistentVolumeClaim> dynamicProvisions) {
        static final PodVolumes NONE = new PodVolumes(List.of(), List.of());
    }

    /**
     * The pod's claims sorted into bound and delayed ones, with every cluster object Filter needs;
     * Filter adds the volumes it found per node, Reserve the assumed ones. Shared by copies, as upstream.
     */
    static final class State implements CycleState.StateData {
        final List<PersistentVolumeClaim> boundClaims;
        final Map<String, Candidate> boundVolumes;
        final List<Claim> unboundDelayed;
        final Map<String, List<Candidate>> volumesByClass;
        final Map<String, StorageClass> classes;
        final Map<String, PodVolumes> podVolumesByNode = new ConcurrentHashMap<>();
        volatile PodVolumes reserved;
        volatile boolean allBound;

        State(List<PersistentVolumeClaim> boundClaims, Map<String, Candidate> boundVolumes, List<Claim> unboundDelayed,
              Map<String, List<Candidate>> volumesByClass, Map<String, StorageClass> classes) {
            this.boundClaims = boundClaims;
            this.boundVolumes = boundVolumes;
            this.unboundDelayed = unboundDelayed;
            this.volumesByClass = volumesByClass;
            this.classes = classes;
        }

        static State empty() {
            return new State(List.of(), Map.of(), List.of(), Map.of(), Map.of());
        }

        @Override
        public CycleState.StateData copy() {
            return this;
        }
    }

    /** A claim lookup that failed with a message, or the claims found. */
    private record Classified(Status status, List<PersistentVolumeClaim> bound, List<PersistentVolumeClaim> delayed, boolean immediate) {
    }

    private final ClusterClient cluster;
    private final Duration bindTimeout;
    /** PVs assumed bound to a claim by Reserve and not yet written (upstream's PV assume cache). */
    private final Map<String, PersistentVolume> assumedVolumes = new ConcurrentHashMap<>();
    /** Claims assumed to carry a selected node by Reserve and not yet written. */
    private final Map<String, PersistentVolumeClaim> assumedClaims = new ConcurrentHashMap<>();

    VolumeBinding(VolumeBindingArgs args, ClusterClient cluster) {
        this.cluster = cluster;
        this.bindTimeout = Duration.ofSeconds(args.bindTimeoutSeconds());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public PreFilterResult preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        Classified c = classifyClaims(pod);
        if (c == null) {
            state.write(KEY, State.empty());
            return PreFilterResult.of(Status.skip());
        }
        if (c.status != null) {
            return PreFilterResult.of(c.status);
        }
        if (c.immediate) {
            return PreFilterResult.of(Status.unresolvable(ERR_UNBOUND_IMMEDIATE));
        }
        Map<String, Candidate> boundVolumes = new HashMap<>();
        for (PersistentVolumeClaim pvc : c.bound) {
            volume(Volumes.volumeName(pvc)).ifPresent(pv -> boundVolumes.put(pv.getMetadata().getName(), Candidate.of(pv)));
        }
        List<Claim> delayed = new ArrayList<>();
        Map<String, List<Candidate>> byClass = new HashMap<>();
        Map<String, StorageClass> classes = new HashMap<>();
        for (PersistentVolumeClaim pvc : c.delayed) {
            delayed.add(Claim.of(pvc));
            String className = Volumes.claimClass(pvc);
            byClass.put(className, new ArrayList<>());
            cluster.get(StorageClass.class, null, className).ifPresent(sc -> classes.put(className, sc));
        }
        // Sort by increasing request so that small claims take the small PVs (upstream's byPVCSize).
        delayed.sort(Comparator.comparing(Claim::request));
        if (!byClass.isEmpty()) {
            for (PersistentVolume pv : cluster.list(PersistentVolume.class)) {
                PersistentVolume current = assumedVolumes.getOrDefault(pv.getMetadata().getName(), pv);
                List<Candidate> list = byClass.get(Volumes.volumeClass(current));
                if (list != null) {
                    list.add(Candidate.of(current));
                }
            }
        }
        state.write(KEY, new State(List.copyOf(c.bound), Map.copyOf(boundVolumes), List.copyOf(delayed), Map.copyOf(byClass), Map.copyOf(classes)));
        Set<String> eligible = eligibleNodes(c.bound, boundVolumes);
        return eligible == null ? PreFilterResult.allNodes() : PreFilterResult.onlyNodes(eligible);
    }

    /**
     * Upstream's {@code podHasPVCs} and {@code GetPodVolumeClaims}: null when the pod uses no claim.
     */
    private Classified classifyClaims(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        boolean hasClaim = false;
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        for (Volume v : volumes(pod)) {
            String claimName = claimName(pod, v);
            if (claimName == null) {
                continue;
            }
            hasClaim = true;
            Optional<PersistentVolumeClaim> found = claim(namespace, claimName);
            if (found.isEmpty()) {
                return rejected(v.getEphemeral() != null
                        ? "waiting for ephemeral volume controller to create the persistentvolumeclaim \"" + claimName + "\""
                        : "persistentvolumeclaim \"" + claimName + "\" not found");
            }
            PersistentVolumeClaim pvc = found.get();
            if (pvc.getStatus() != null && "Lost".equals(pvc.getStatus().getPhase())) {
                return rejected("persistentvolumeclaim \"" + claimName + "\" bound to non-existent persistentvolume \""
                        + Volumes.volumeName(pvc) + "\"");
            }
            if (pvc.getMetadata().getDeletionTimestamp() != null) {
                return rejected("persistentvolumeclaim \"" + claimName + "\" is being deleted");
            }
            if (v.getEphemeral() != null && !isControlledBy(pvc, pod)) {
                return rejected("PVC " + namespace + "/" + claimName + " was not created for pod " + namespace + "/"
                        + pod.getMetadata().getName() + " (pod is not owner)");
            }
            claims.add(pvc);
        }
        if (!hasClaim) {
            return null;
        }
        List<PersistentVolumeClaim> bound = new ArrayList<>();
        List<PersistentVolumeClaim> delayed = new ArrayList<>();
        boolean immediate = false;
        for (PersistentVolumeClaim pvc : claims) {
            if (Volumes.isFullyBound(pvc)) {
                bound.add(pvc);
                continue;
            }
            String className = Volumes.claimClass(pvc);
            boolean delay = false;
            if (!className.isEmpty()) {
                Optional<StorageClass> sc = cluster.get(StorageClass.class, null, className);
                if (sc.isPresent()) {
                    if (sc.get().getVolumeBindingMode() == null) {
                        return new Classified(Status.error("VolumeBindingMode not set for StorageClass \"" + className + "\""), null, null, false);
                    }
                    delay = WAIT_FOR_FIRST_CONSUMER.equals(sc.get().getVolumeBindingMode());
                }
            }
            // A claim pre-bound to a PV name is the PV controller's job, like an Immediate one.
            if (delay && Volumes.volumeName(pvc).isEmpty()) {
                delayed.add(pvc);
            } else {
                immediate = true;
            }
        }
        return new Classified(null, bound, delayed, immediate);
    }

    private static Classified rejected(String message) {
        return new Classified(Status.unresolvable(message), null, null, false);
    }

    /** Nodes that local PVs of bound claims are pinned to (upstream's {@code GetEligibleNodes}); null: all. */
    private static Set<String> eligibleNodes(List<PersistentVolumeClaim> bound, Map<String, Candidate> boundVolumes) {
        Set<String> eligible = null;
        for (PersistentVolumeClaim pvc : bound) {
            Candidate pv = boundVolumes.get(Volumes.volumeName(pvc));
            if (pv == null) {
                // Upstream gives up narrowing when a PV cannot be read; Filter reports it.
                return null;
            }
            Set<String> names = Volumes.localNodeNames(pv.pv());
            if (names == null || names.isEmpty()) {
                continue;
            }
            if (eligible == null) {
                eligible = new HashSet<>(names);
            } else {
                eligible.retainAll(names);
            }
        }
        return eligible;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        State s = state.require(KEY);
        Map<String, String> labels = nodeInfo.node().getMetadata().getLabels();
        String nodeName = nodeInfo.nodeName();
        boolean boundSatisfied = true;
        boolean boundVolumesFound = true;
        for (PersistentVolumeClaim pvc : s.boundClaims) {
            Candidate pv = s.boundVolumes.get(Volumes.volumeName(pvc));
            if (pv == null) {
                boundVolumesFound = false;
                break;
            }
            if (!pv.fits(labels)) {
                boundSatisfied = false;
                break;
            }
        }
        boolean unboundSatisfied = true;
        List<Binding> bindings = new ArrayList<>();
        List<PersistentVolumeClaim> provisions = new ArrayList<>();
        if (!s.unboundDelayed.isEmpty()) {
            List<Claim> toMatch = new ArrayList<>();
            List<PersistentVolumeClaim> toProvision = new ArrayList<>();
            for (Claim claim : s.unboundDelayed) {
                String selected = annotation(claim.pvc(), Volumes.ANN_SELECTED_NODE);
                if (selected == null) {
                    toMatch.add(claim);
                } else if (selected.equals(nodeName)) {
                    toProvision.add(claim.pvc());
                } else {
                    // Already being provisioned for another node.
                    unboundSatisfied = false;
                    toMatch.clear();
                    toProvision.clear();
                    break;
                }
            }
            Set<String> chosen = new HashSet<>();
            for (Claim claim : toMatch) {
                List<Candidate> candidates = s.volumesByClass.getOrDefault(Volumes.claimClass(claim.pvc()), List.of());
                Candidate pv = Volumes.findMatchingVolume(claim, candidates, labels, chosen);
                if (pv == null) {
                    unboundSatisfied = false;
                    toProvision.add(claim.pvc());
                } else {
                    chosen.add(pv.name());
                    bindings.add(new Binding(claim.pvc(), pv.pv()));
                }
            }
            if (!toProvision.isEmpty()) {
                Optional<Status> error = checkProvisions(s, toProvision, labels, provisions);
                if (error.isPresent()) {
                    return error.get();
                }
                unboundSatisfied = provisions.size() == toProvision.size();
            }
        }
        List<String> reasons = new ArrayList<>();
        if (!boundSatisfied) {
            reasons.add(ERR_REASON_NODE_CONFLICT);
        }
        if (!unboundSatisfied) {
            reasons.add(ERR_REASON_BIND_CONFLICT);
        }
        if (!boundVolumesFound) {
            reasons.add(ERR_REASON_PV_NOT_EXIST);
        }
        if (!reasons.isEmpty()) {
            return Status.unresolvable(reasons.toArray(String[]::new));
        }
        s.podVolumesByNode.put(nodeName, new PodVolumes(List.copyOf(bindings), List.copyOf(provisions)));
        return Status.SUCCESS;
    }

    /**
     * Upstream's {@code checkVolumeProvisions}: every claim's class must name a provisioner whose
     * allowed topologies admit the node. Fills {@code provisions} only if all claims qualify.
     */
    private static Optional<Status> checkProvisions(State s, List<PersistentVolumeClaim> claims, Map<String, String> labels,
                                                    List<PersistentVolumeClaim> provisions) {
        for (PersistentVolumeClaim pvc : claims) {
            String className = Volumes.claimClass(pvc);
            if (className.isEmpty()) {
                return Optional.of(Status.error("no class for claim \"" + pvc.getMetadata().getNamespace() + "/" + pvc.getMetadata().getName() + "\""));
            }
            StorageClass sc = s.classes.get(className);
            if (sc == null) {
                return Optional.of(Status.error("failed to find storage class \"" + className + "\""));
            }
            String provisioner = sc.getProvisioner();
            if (provisioner == null || provisioner.isEmpty() || NOT_SUPPORTED_PROVISIONER.equals(provisioner)
                    || !matchesAllowedTopologies(sc.getAllowedTopologies(), labels)) {
                provisions.clear();
                return Optional.empty();
            }
            provisions.add(pvc);
        }
        return Optional.empty();
    }

    /**
     * Upstream's {@code MatchTopologySelectorTerms}: no terms match every node; a term matches when
     * the node has one of the listed values for each of its keys; an empty term matches nothing.
     */
    private static boolean matchesAllowedTopologies(List<TopologySelectorTerm> terms, Map<String, String> labels) {
        if (terms == null || terms.isEmpty()) {
            return true;
        }
        for (TopologySelectorTerm term : terms) {
            List<TopologySelectorLabelRequirement> reqs = term.getMatchLabelExpressions();
            if (reqs != null && !reqs.isEmpty() && reqs.stream().allMatch(r -> labels != null && labels.containsKey(r.getKey())
                    && r.getValues() != null && r.getValues().contains(labels.get(r.getKey())))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Status reserve(CycleState state, Pod pod, String nodeName) {
        State s = state.require(KEY);
        PodVolumes podVolumes = s.podVolumesByNode.get(nodeName);
        if (podVolumes == null || (podVolumes.staticBindings.isEmpty() && podVolumes.dynamicProvisions.isEmpty())) {
            s.allBound = true;
            return Status.SUCCESS;
        }
        List<Binding> assumed = new ArrayList<>();
        for (Binding b : podVolumes.staticBindings) {
            PersistentVolume pv = withClaimRef(b.pv, b.pvc);
            assumedVolumes.put(pv.getMetadata().getName(), pv);
            assumed.add(new Binding(b.pvc, pv));
        }
        List<PersistentVolumeClaim> provisions = new ArrayList<>();
        for (PersistentVolumeClaim pvc : podVolumes.dynamicProvisions) {
            PersistentVolumeClaim withNode = new PersistentVolumeClaimBuilder(pvc).editMetadata()
                    .addToAnnotations(Volumes.ANN_SELECTED_NODE, nodeName).endMetadata().build();
            assumedClaims.put(key(withNode), withNode);
            provisions.add(withNode);
        }
        s.reserved = new PodVolumes(List.copyOf(assumed), List.copyOf(provisions));
        s.allBound = false;
        return Status.SUCCESS;
    }

    @Override
    public void unreserve(CycleState state, Pod pod, String nodeName) {
        Optional<State> s = state.read(KEY);
        if (s.isEmpty() || s.get().reserved == null) {
            return;
        }
        forget(s.get().reserved);
    }

    private void forget(PodVolumes volumes) {
        volumes.staticBindings.forEach(b -> assumedVolumes.remove(b.pv.getMetadata().getName(), b.pv));
        volumes.dynamicProvisions.forEach(c -> assumedClaims.remove(key(c), c));
    }

    @Override
    public Status preBind(CycleState state, Pod pod, String nodeName) {
        State s = state.require(KEY);
        if (s.allBound) {
            return Status.SUCCESS;
        }
        PodVolumes volumes = s.reserved;
        if (volumes == null) {
            return Status.error("no pod volumes found for node \"" + nodeName + "\"");
        }
        try {
            for (Binding b : volumes.staticBindings) {
                cluster.update(b.pv);
                cluster.update(boundClaim(b.pvc, b.pv));
            }
            for (PersistentVolumeClaim pvc : volumes.dynamicProvisions) {
                cluster.update(pvc);
            }
            return awaitProvisioned(volumes.dynamicProvisions, nodeName);
        } catch (ClusterException e) {
            LOG.debug("binding volumes of pod {} failed: {}", pod.getMetadata().getName(), e.getMessage());
            return Status.error(e);
        } finally {
            forget(volumes);
        }
    }

    /** Waits until a provisioner has bound every claim, as upstream's {@code checkBindings}. */
    private Status awaitProvisioned(List<PersistentVolumeClaim> claims, String nodeName) {
        long deadline = System.nanoTime() + bindTimeout.toNanos();
        while (true) {
            boolean allBound = true;
            for (PersistentVolumeClaim c : claims) {
                Optional<PersistentVolumeClaim> current = cluster.get(PersistentVolumeClaim.class, c.getMetadata().getNamespace(), c.getMetadata().getName());
                if (current.isEmpty()) {
                    return Status.error("binding volumes: persistentvolumeclaim \"" + c.getMetadata().getName() + "\" not found");
                }
                if (!nodeName.equals(annotation(current.get(), Volumes.ANN_SELECTED_NODE))) {
                    return Status.error("binding volumes: provisioning failed for PVC \"" + c.getMetadata().getName() + "\"");
                }
                allBound &= Volumes.isFullyBound(current.get());
            }
            if (allBound) {
                return Status.SUCCESS;
            }
            if (System.nanoTime() + POLL_INTERVAL.toNanos() > deadline) {
                return Status.error("binding volumes: context deadline exceeded");
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Status.error("binding volumes: interrupted");
            }
        }
    }

    /** The PV with its claimRef pointing at the claim (upstream's {@code GetBindVolumeToClaim}). */
    private static PersistentVolume withClaimRef(PersistentVolume pv, PersistentVolumeClaim pvc) {
        return new PersistentVolumeBuilder(pv)
                .editMetadata().addToAnnotations(Volumes.ANN_BOUND_BY_CONTROLLER, "yes").endMetadata()
                .editSpec().withClaimRef(new ObjectReferenceBuilder().withKind("PersistentVolumeClaim").withApiVersion("v1")
                        .withNamespace(pvc.getMetadata().getNamespace()).withName(pvc.getMetadata().getName())
                        .withUid(pvc.getMetadata().getUid()).withResourceVersion(pvc.getMetadata().getResourceVersion()).build())
                .endSpec()
                .editOrNewStatus().withPhase("Bound").endStatus()
                .build();
    }

    /** The claim bound to the PV as the PV controller would leave it. */
    private static PersistentVolumeClaim boundClaim(PersistentVolumeClaim pvc, PersistentVolume pv) {
        return new PersistentVolumeClaimBuilder(pvc)
                .editMetadata().addToAnnotations(Volumes.ANN_BIND_COMPLETED, "yes").addToAnnotations(Volumes.ANN_BOUND_BY_CONTROLLER, "yes").endMetadata()
                .editSpec().withVolumeName(pv.getMetadata().getName()).endSpec()
                .editOrNewStatus().withPhase("Bound").endStatus()
                .build();
    }

    private Optional<PersistentVolumeClaim> claim(String namespace, String name) {
        PersistentVolumeClaim assumed = assumedClaims.get(namespace + "/" + name);
        return assumed != null ? Optional.of(assumed) : cluster.get(PersistentVolumeClaim.class, namespace, name);
    }

    private Optional<PersistentVolume> volume(String name) {
        PersistentVolume assumed = assumedVolumes.get(name);
        return assumed != null ? Optional.of(assumed) : cluster.get(PersistentVolume.class, null, name);
    }

    private static String key(PersistentVolumeClaim pvc) {
        return pvc.getMetadata().getNamespace() + "/" + pvc.getMetadata().getName();
    }

    private static String annotation(PersistentVolumeClaim pvc, String key) {
        Map<String, String> ann = pvc.getMetadata().getAnnotations();
        return ann == null ? null : ann.get(key);
    }

    private static boolean isControlledBy(PersistentVolumeClaim pvc, Pod pod) {
        List<OwnerReference> owners = pvc.getMetadata().getOwnerReferences();
        return owners != null && owners.stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.getController()) && Objects.equals(o.getUid(), pod.getMetadata().getUid()));
    }

    /** The claim a volume uses: its PVC or, for a generic ephemeral volume, {@code <pod>-<volume>}. */
    private static String claimName(Pod pod, Volume v) {
        if (v.getPersistentVolumeClaim() != null) {
            return v.getPersistentVolumeClaim().getClaimName();
        }
        if (v.getEphemeral() != null) {
            return pod.getMetadata().getName() + "-" + v.getName();
        }
        return null;
    }

    private static List<Volume> volumes(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
    }

    private static Set<ActionType> addOrUpdate() {
        EnumSet<ActionType> set = EnumSet.copyOf(ActionType.UPDATE);
        set.add(ActionType.ADD);
        return set;
    }

    @Override
    public List<ClusterEventWithHint> eventsToRegister() {
        return List.of(
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.STORAGE_CLASS, ADD_OR_UPDATE), VolumeBinding::hintStorageClassChanged),
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.PERSISTENT_VOLUME_CLAIM, ADD_OR_UPDATE), VolumeBinding::hintClaimChanged),
                ClusterEventWithHint.of(ClusterEvent.of(ClusterEvent.PERSISTENT_VOLUME, ADD_OR_UPDATE)),
                ClusterEventWithHint.of(ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD, ActionType.UPDATE_NODE_LABEL)),
                new ClusterEventWithHint(ClusterEvent.of(ClusterEvent.CSI_NODE, ADD_OR_UPDATE), VolumeBinding::hintCsiNodeChanged));
    }

    /** A new class, or a class whose allowed topologies changed (binding mode is immutable). */
    static QueueingHint hintStorageClassChanged(Pod pod, Object oldObj, Object newObj) {
        if (oldObj == null) {
            return QueueingHint.QUEUE;
        }
        return Objects.equals(((StorageClass) oldObj).getAllowedTopologies(), ((StorageClass) newObj).getAllowedTopologies())
                ? QueueingHint.QUEUE_SKIP : QueueingHint.QUEUE;
    }

    /** A claim of the pod (plain or ephemeral) in its namespace was added or updated. */
    static QueueingHint hintClaimChanged(Pod pod, Object oldObj, Object newObj) {
        PersistentVolumeClaim pvc = (PersistentVolumeClaim) newObj;
        if (!Objects.equals(pod.getMetadata().getNamespace(), pvc.getMetadata().getNamespace())) {
            return QueueingHint.QUEUE_SKIP;
        }
        for (Volume v : volumes(pod)) {
            if (pvc.getMetadata().getName().equals(claimName(pod, v))) {
                return QueueingHint.QUEUE;
            }
        }
        return QueueingHint.QUEUE_SKIP;
    }

    /** A new CSINode, or a change of its migrated-plugins annotation. */
    static QueueingHint hintCsiNodeChanged(Pod pod, Object oldObj, Object newObj) {
        if (oldObj == null) {
            return QueueingHint.QUEUE;
        }
        String key = "storage.alpha.kubernetes.io/migrated-plugins";
        Map<String, String> before = ((CSINode) oldObj).getMetadata().getAnnotations();
        Map<String, String> after = ((CSINode) newObj).getMetadata().getAnnotations();
        return Objects.equals(before == null ? null : before.get(key), after == null ? null : after.get(key))
                ? QueueingHint.QUEUE_SKIP : QueueingHint.QUEUE;
    }

    /** Registers {@link VolumeBinding} with {@link VolumeBindingArgs}. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> {
                VolumeBindingArgs a = args.decode(VolumeBindingArgs.class);
                a.validate();
                return new VolumeBinding(a, handle.clusterClient());
            });
        }
    }
}
