package dev.berth.plugins.volumebinding;

import dev.berth.framework.api.Selector;
import dev.berth.plugins.helper.NodeSelectorMatcher;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Volume helpers of upstream's {@code component-helpers/storage/volume}: claim and volume classes,
 * binding state, and the PV-to-claim match ({@code FindMatchingVolume}) on precomputed candidates.
 */
final class Volumes {

    static final String ANN_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
    static final String ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
    static final String ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
    static final String ANN_SELECTED_NODE = "volume.kubernetes.io/selected-node";
    static final String LABEL_HOSTNAME = "kubernetes.io/hostname";
    static final String STORAGE = "storage";

    private Volumes() {
    }

    /** A PV with what matching needs computed once: capacity and compiled node affinity (null: none). */
    record Candidate(PersistentVolume pv, BigDecimal capacity, NodeSelectorMatcher nodeAffinity) {
        static Candidate of(PersistentVolume pv) {
            return pv.getSpec() == null ? new Candidate(pv, BigDecimal.ZERO, null)
                    : new Candidate(pv, quantity(pv.getSpec().getCapacity()), nodeAffinityOf(pv));
        }

        String name() {
            return pv.getMetadata().getName();
        }

        /** Upstream's {@code CheckNodeAffinity}: only the node's labels are matched, not its name. */
        boolean fits(Map<String, String> nodeLabels) {
            return nodeAffinity == null || nodeAffinity.matches(labelsOnly(nodeLabels));
        }
    }

    /** A claim with its requested size computed once. */
    record Claim(PersistentVolumeClaim pvc, BigDecimal request) {
        static Claim of(PersistentVolumeClaim pvc) {
            var resources = pvc.getSpec() == null ? null : pvc.getSpec().getResources();
            return new Claim(pvc, quantity(resources == null ? null : resources.getRequests()));
        }

        String key() {
            return pvc.getMetadata().getNamespace() + "/" + pvc.getMetadata().getName();
        }
    }

    private static BigDecimal quantity(Map<String, Quantity> list) {
        Quantity q = list == null ? null : list.get(STORAGE);
        return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
    }

    private static NodeSelectorMatcher nodeAffinityOf(PersistentVolume pv) {
        var affinity = pv.getSpec().getNodeAffinity();
        return affinity == null || affinity.getRequired() == null ? null : NodeSelectorMatcher.of(affinity.getRequired());
    }

    private static Node labelsOnly(Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName("").withLabels(labels == null ? Map.of() : labels).endMetadata().build();
    }

    /** The claim's class: the beta annotation, then {@code spec.storageClassName}, else {@code ""}. */
    static String claimClass(PersistentVolumeClaim pvc) {
        Map<String, String> ann = pvc.getMetadata().getAnnotations();
        if (ann != null && ann.containsKey(ANN_STORAGE_CLASS)) {
            return ann.get(ANN_STORAGE_CLASS);
        }
        String name = pvc.getSpec() == null ? null : pvc.getSpec().getStorageClassName();
        return name == null ? "" : name;
    }

    /** The volume's class: the beta annotation, then {@code spec.storageClassName}, else {@code ""}. */
    static String volumeClass(PersistentVolume pv) {
        Map<String, String> ann = pv.getMetadata().getAnnotations();
        if (ann != null && ann.containsKey(ANN_STORAGE_CLASS)) {
            return ann.get(ANN_STORAGE_CLASS);
        }
        String name = pv.getSpec() == null ? null : pv.getSpec().getStorageClassName();
        return name == null ? "" : name;
    }

    static String volumeName(PersistentVolumeClaim pvc) {
        String name = pvc.getSpec() == null ? null : pvc.getSpec().getVolumeName();
        return name == null ? "" : name;
    }

    /** Bound and confirmed by the PV controller: a volume name and the bind-completed annotation. */
    static boolean isFullyBound(PersistentVolumeClaim pvc) {
        Map<String, String> ann = pvc.getMetadata().getAnnotations();
        return !volumeName(pvc).isEmpty() && ann != null && ann.containsKey(ANN_BIND_COMPLETED);
    }

    static boolean isBoundToClaim(PersistentVolume pv, PersistentVolumeClaim pvc) {
        ObjectReference ref = pv.getSpec().getClaimRef();
        if (ref == null) {
            return false;
        }
        if (!Objects.equals(ref.getName(), pvc.getMetadata().getName()) || !Objects.equals(ref.getNamespace(), pvc.getMetadata().getNamespace())) {
            return false;
        }
        return ref.getUid() == null || ref.getUid().isEmpty() || ref.getUid().equals(pvc.getMetadata().getUid());
    }

    /**
     * Upstream's {@code FindMatchingVolume} on the scheduler path (a node is given, delayed binding):
     * a PV pre-bound to the claim wins if it fits the node; otherwise the smallest available PV of
     * the claim's class that is large enough, matches the claim's selector, access and volume modes,
     * and fits the node.
     *
     * @param excluded PV names already chosen for other claims of the pod
     * @return the PV, or null if none matches
     */
    static Candidate findMatchingVolume(Claim claim, List<Candidate> candidates, Map<String, String> nodeLabels, Set<String> excluded) {
        PersistentVolumeClaim pvc = claim.pvc();
        Selector selector = pvc.getSpec().getSelector() == null ? null : Selector.of(pvc.getSpec().getSelector());
        String requestedClass = claimClass(pvc);
        Candidate smallest = null;
        for (Candidate c : candidates) {
            PersistentVolume pv = c.pv();
            if (pv.getSpec() == null || excluded.contains(c.name())) {
                continue;
            }
            boolean boundToClaim = isBoundToClaim(pv, pvc);
            if (pv.getSpec().getClaimRef() != null && !boundToClaim) {
                continue;
            }
            if (c.capacity().compareTo(claim.request()) < 0 || volumeModeMismatch(pvc, pv) || pv.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            boolean fits = c.fits(nodeLabels);
            if (boundToClaim) {
                return fits ? c : null;
            }
            if (pv.getStatus() == null || !"Available".equals(pv.getStatus().getPhase())) {
                continue;
            }
            if (selector != null && !selector.matches(pv.getMetadata().getLabels() == null ? Map.of() : pv.getMetadata().getLabels())) {
                continue;
            }
            if (!volumeClass(pv).equals(requestedClass) || !fits || !accessModesContained(pvc, pv)) {
                continue;
            }
            if (smallest == null || smallest.capacity().compareTo(c.capacity()) > 0) {
                smallest = c;
            }
        }
        return smallest;
    }

    private static boolean volumeModeMismatch(PersistentVolumeClaim pvc, PersistentVolume pv) {
        String claimMode = pvc.getSpec().getVolumeMode() == null ? "Filesystem" : pvc.getSpec().getVolumeMode();
        String volumeMode = pv.getSpec().getVolumeMode() == null ? "Filesystem" : pv.getSpec().getVolumeMode();
        return !claimMode.equals(volumeMode);
    }

    private static boolean accessModesContained(PersistentVolumeClaim pvc, PersistentVolume pv) {
        List<String> wanted = pvc.getSpec().getAccessModes() == null ? List.of() : pvc.getSpec().getAccessModes();
        Set<String> offered = new HashSet<>(pv.getSpec().getAccessModes() == null ? List.of() : pv.getSpec().getAccessModes());
        return offered.containsAll(wanted);
    }

    /**
     * The node names a local PV is pinned to (upstream's {@code GetLocalPersistentVolumeNodeNames}):
     * per required term, the intersection of its {@code kubernetes.io/hostname In} values; the union
     * over terms. Null when the PV has no required node affinity.
     */
    static Set<String> localNodeNames(PersistentVolume pv) {
        var affinity = pv.getSpec() == null ? null : pv.getSpec().getNodeAffinity();
        if (affinity == null || affinity.getRequired() == null) {
            return null;
        }
        Set<String> result = new HashSet<>();
        for (NodeSelectorTerm term : affinity.getRequired().getNodeSelectorTerms()) {
            Set<String> nodes = null;
            for (NodeSelectorRequirement r : term.getMatchExpressions() == null ? List.<NodeSelectorRequirement>of() : term.getMatchExpressions()) {
                if (LABEL_HOSTNAME.equals(r.getKey()) && "In".equals(r.getOperator())) {
                    Set<String> values = new HashSet<>(r.getValues() == null ? List.of() : r.getValues());
                    if (nodes == null) {
                        nodes = values;
                    } else {
                        nodes.retainAll(values);
                    }
                }
            }
            if (nodes != null) {
                result.addAll(nodes);
            }
        }
        return result;
    }
}
