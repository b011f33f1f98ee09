package dev.berth.plugins.volumezone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.Status;
import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Cases ported from upstream's volume_zone_test.go. */
class VolumeZoneTest {

    private static final String BETA_ZONE = VolumeZone.LABEL_BETA_ZONE;
    private static final String BETA_REGION = VolumeZone.LABEL_BETA_REGION;
    private static final String ZONE = VolumeZone.LABEL_ZONE;
    private static final String REGION = VolumeZone.LABEL_REGION;
    private static final Status CONFLICT = Status.unresolvable(VolumeZone.ERR_REASON_CONFLICT);

    record Case(String name, Pod pod, Map<String, String> nodeLabels, Status wantPreFilter, Status wantFilter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Pod podWithClaim(String claim) {
        return MakePod.pod("pod_1").volume(new VolumeBuilder().withName("v").withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim().build()).build();
    }

    static PersistentVolume pv(String name, Map<String, String> labels) {
        return new PersistentVolumeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().withNewSpec().endSpec().build();
    }

    static PersistentVolumeClaim pvc(String name, String volumeName, String className) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withVolumeName(volumeName).withStorageClassName(className).endSpec().build();
    }

    static Node node(Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName("host1").withLabels(labels).endMetadata().build();
    }

    static Stream<Case> singleZone() {
        return Stream.of(
                new Case("TestSingleZone/pod without volume", MakePod.pod("pod_1").build(), Map.of(BETA_ZONE, "us-west1-a"), Status.skip(), Status.SUCCESS),
                new Case("TestSingleZone/node without labels", podWithClaim("PVC_1"), Map.of(), Status.SUCCESS, Status.SUCCESS),
                new Case("TestSingleZone/beta zone label matched", podWithClaim("PVC_1"), Map.of(BETA_ZONE, "us-west1-a", "uselessLabel", "none"), Status.SUCCESS, Status.SUCCESS),
                new Case("TestSingleZone/beta region label matched", podWithClaim("PVC_2"), Map.of(BETA_REGION, "us-west1", "uselessLabel", "none"), Status.SUCCESS, Status.SUCCESS),
                new Case("TestSingleZone/beta region label doesn't match", podWithClaim("PVC_2"), Map.of(BETA_REGION, "no_us-west1", "uselessLabel", "none"), Status.SUCCESS, CONFLICT),
                new Case("TestSingleZone/beta zone label doesn't match", podWithClaim("PVC_1"), Map.of(BETA_ZONE, "no_us-west1-a", "uselessLabel", "none"), Status.SUCCESS, CONFLICT),
                new Case("TestSingleZone/zone label matched", podWithClaim("PVC_Stable_1"), Map.of(ZONE, "us-west1-a", "uselessLabel", "none"), Status.SUCCESS, Status.SUCCESS),
                new Case("TestSingleZone/region label matched", podWithClaim("PVC_Stable_2"), Map.of(REGION, "us-west1", "uselessLabel", "none"), Status.SUCCESS, Status.SUCCESS),
                new Case("TestSingleZone/region label doesn't match", podWithClaim("PVC_Stable_2"), Map.of(REGION, "no_us-west1", "uselessLabel", "none"), Status.SUCCESS, CONFLICT),
                new Case("TestSingleZone/zone label doesn't match", podWithClaim("PVC_Stable_1"), Map.of(ZONE, "no_us-west1-a", "uselessLabel", "none"), Status.SUCCESS, CONFLICT),
                new Case("TestSingleZone/pv with zone and region, node with only zone", podWithClaim("PVC_Stable_3"), Map.of(ZONE, "us-west1-a"), Status.SUCCESS, CONFLICT),
                new Case("TestSingleZone/pv with zone,node with beta zone", podWithClaim("PVC_Stable_1"), Map.of(BETA_ZONE, "us-west1-a"), Status.SUCCESS, CONFLICT),
                new Case("TestSingleZone/pv with beta label,node with ga label, matched", podWithClaim("PVC_1"), Map.of(ZONE, "us-west1-a"), Status.SUCCESS, Status.SUCCESS),
                new Case("TestSingleZone/pv with beta label,node with ga label, don't match", podWithClaim("PVC_1"), Map.of(ZONE, "us-west1-b"), Status.SUCCESS, CONFLICT));
    }

    @ParameterizedTest
    @MethodSource("singleZone")
    void singleZone(Case c) {
        TestHandle h = TestHandle.empty();
        InMemoryCluster cl = h.cluster();
        cl.create(pv("Vol_1", Map.of(BETA_ZONE, "us-west1-a")));
        cl.create(pv("Vol_2", Map.of(BETA_REGION, "us-west1", "uselessLabel", "none")));
        cl.create(pv("Vol_3", Map.of(BETA_REGION, "us-west1")));
        cl.create(pv("Vol_Stable_1", Map.of(ZONE, "us-west1-a")));
        cl.create(pv("Vol_Stable_2", Map.of(REGION, "us-west1", "uselessLabel", "none")));
        cl.create(pv("Vol_Stable_3", Map.of(ZONE, "us-west1-a", REGION, "us-west1-a")));
        for (String[] p : new String[][] {{"PVC_1", "Vol_1"}, {"PVC_2", "Vol_2"}, {"PVC_3", "Vol_3"}, {"PVC_4", "Vol_not_exist"},
                {"PVC_Stable_1", "Vol_Stable_1"}, {"PVC_Stable_2", "Vol_Stable_2"}, {"PVC_Stable_3", "Vol_Stable_3"}}) {
            cl.create(pvc(p[0], p[1], null));
        }
        run(h, c);
    }

    static Stream<Case> multiZone() {
        return Stream.of(
                new Case("TestMultiZone/node without labels", podWithClaim("PVC_3"), Map.of(), Status.SUCCESS, Status.SUCCESS),
                new Case("TestMultiZone/beta zone label matched", podWithClaim("PVC_3"), Map.of(BETA_ZONE, "us-west1-a", "uselessLabel", "none"), Status.SUCCESS, Status.SUCCESS),
                new Case("TestMultiZone/beta zone label doesn't match", podWithClaim("PVC_1"), Map.of(BETA_ZONE, "us-west1-b", "uselessLabel", "none"), Status.SUCCESS, CONFLICT),
                new Case("TestMultiZone/zone label matched", podWithClaim("PVC_Stable_2"), Map.of(ZONE, "us-west1-a", "uselessLabel", "none"), Status.SUCCESS, Status.SUCCESS),
                new Case("TestMultiZone/zone label doesn't match", podWithClaim("PVC_Stable_1"), Map.of(ZONE, "us-west1-b", "uselessLabel", "none"), Status.SUCCESS, CONFLICT));
    }

    @ParameterizedTest
    @MethodSource("multiZone")
    void multiZone(Case c) {
        TestHandle h = TestHandle.empty();
        InMemoryCluster cl = h.cluster();
        cl.create(pv("Vol_1", Map.of(BETA_ZONE, "us-west1-a")));
        cl.create(pv("Vol_2", Map.of(BETA_ZONE, "us-west1-b", "uselessLabel", "none")));
        cl.create(pv("Vol_3", Map.of(BETA_ZONE, "us-west1-c__us-west1-a")));
        cl.create(pv("Vol_Stable_1", Map.of(ZONE, "us-west1-a")));
        cl.create(pv("Vol_Stable_2", Map.of(ZONE, "us-west1-c__us-west1-a")));
        for (String[] p : new String[][] {{"PVC_1", "Vol_1"}, {"PVC_2", "Vol_2"}, {"PVC_3", "Vol_3"}, {"PVC_4", "Vol_not_exist"},
                {"PVC_Stable_1", "Vol_Stable_1"}, {"PVC_Stable_2", "Vol_Stable_2"}}) {
            cl.create(pvc(p[0], p[1], null));
        }
        run(h, c);
    }

    /**
     * Upstream's fake lister says {@code storageclasses.storage.k8s.io}; Berth uses the wording of the
     * informer lister the real scheduler reads through.
     */
    static Stream<Case> withBinding() {
        Map<String, String> labels = Map.of(BETA_ZONE, "us-west1-a", "uselessLabel", "none");
        Status noName = Status.unresolvable("PersistentVolumeClaim had no pv name and storageClass name");
        Status noClass = Status.unresolvable("storageclass.storage.k8s.io \"Class_0\" not found");
        Status noMode = Status.unresolvable("VolumeBindingMode not set for StorageClass \"Class_Immediate\"");
        return Stream.of(
                new Case("TestWithBinding/label zone failure domain matched", podWithClaim("PVC_1"), labels, Status.SUCCESS, Status.SUCCESS),
                new Case("TestWithBinding/unbound volume empty storage class", podWithClaim("PVC_EmptySC"), labels, noName, noName),
                new Case("TestWithBinding/unbound volume no storage class", podWithClaim("PVC_NoSC"), labels, noClass, noClass),
                new Case("TestWithBinding/unbound volume immediate binding mode", podWithClaim("PVC_ImmediateSC"), labels, noMode, noMode),
                new Case("TestWithBinding/unbound volume wait binding mode", podWithClaim("PVC_WaitSC"), labels, Status.skip(), Status.SUCCESS));
    }

    @ParameterizedTest
    @MethodSource("withBinding")
    void withBinding(Case c) {
        TestHandle h = TestHandle.empty();
        InMemoryCluster cl = h.cluster();
        cl.create(new StorageClassBuilder().withNewMetadata().withName("Class_Immediate").endMetadata().build());
        cl.create(new StorageClassBuilder().withNewMetadata().withName("Class_Wait").endMetadata().withVolumeBindingMode("WaitForFirstConsumer").build());
        cl.create(pv("Vol_1", Map.of(BETA_ZONE, "us-west1-a")));
        cl.create(pvc("PVC_1", "Vol_1", null));
        cl.create(pvc("PVC_NoSC", null, "Class_0"));
        cl.create(pvc("PVC_EmptySC", null, null));
        cl.create(pvc("PVC_WaitSC", null, "Class_Wait"));
        cl.create(pvc("PVC_ImmediateSC", null, "Class_Immediate"));
        run(h, c);
    }

    private static void run(TestHandle h, Case c) {
        VolumeZone plugin = (VolumeZone) new VolumeZone.Factory().create(PluginArgs.empty(), h);
        CycleState state = new CycleState();
        assertThat(plugin.preFilter(state, c.pod, List.of()).status()).isEqualTo(c.wantPreFilter);
        assertThat(plugin.filter(state, c.pod, NodeInfo.of(node(c.nodeLabels)))).isEqualTo(c.wantFilter);
    }

    record HintCase(String name, Pod pod, Object oldObj, Object newObj, QueueingHint want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<HintCase> claimHints() {
        PersistentVolumeClaim unbound = pvc("PVC_1", "", null);
        PersistentVolumeClaim bound = pvc("PVC_1", "Vol_1", null);
        PersistentVolumeClaim otherNs = new PersistentVolumeClaimBuilder(bound).editMetadata().withNamespace("ns1").endMetadata().build();
        Pod noClaim = MakePod.pod("pod_1").build();
        return Stream.of(
                new HintCase("pvc-was-added-but-pod-refers-no-pvc", noClaim, null, bound, QueueingHint.QUEUE_SKIP),
                new HintCase("pvc-was-added-and-pod-was-bound-to-different-pvc", podWithClaim("PVC_2"), null, bound, QueueingHint.QUEUE_SKIP),
                new HintCase("pvc-was-added-and-pod-was-bound-to-pvc-but-different-ns", podWithClaim("PVC_1"), null, otherNs, QueueingHint.QUEUE_SKIP),
                new HintCase("pvc-was-added-and-pod-was-bound-to-the-pvc", podWithClaim("PVC_1"), null, bound, QueueingHint.QUEUE),
                new HintCase("pvc-was-updated-and-pod-was-bound-to-the-pvc", podWithClaim("PVC_1"), unbound, bound, QueueingHint.QUEUE),
                new HintCase("pvc-was-updated-but-pod-refers-no-pvc", noClaim, unbound, bound, QueueingHint.QUEUE_SKIP));
    }

    @ParameterizedTest
    @MethodSource("claimHints")
    void claimHint(HintCase c) {
        assertThat(VolumeZone.hintClaimChanged(c.pod, c.oldObj, c.newObj)).isEqualTo(c.want);
    }

    static Stream<HintCase> storageClassHints() {
        StorageClass noMode = new StorageClassBuilder().withNewMetadata().withName("SC_1").endMetadata().build();
        StorageClass wait = new StorageClassBuilder(noMode).withVolumeBindingMode("WaitForFirstConsumer").build();
        return Stream.of(
                new HintCase("sc-doesn't-have-volume-binding-mode", podWithClaim("PVC_1"), null, noMode, QueueingHint.QUEUE_SKIP),
                new HintCase("new-sc-is-wait-for-first-consumer-mode", podWithClaim("PVC_1"), null, wait, QueueingHint.QUEUE));
    }

    @ParameterizedTest
    @MethodSource("storageClassHints")
    void storageClassHint(HintCase c) {
        assertThat(VolumeZone.hintStorageClassAdded(c.pod, c.oldObj, c.newObj)).isEqualTo(c.want);
    }

    static Stream<HintCase> volumeHints() {
        Pod pod = podWithClaim("PVC_1");
        return Stream.of(
                new HintCase("new-pv-was-added", pod, null, pv("Vol_1", Map.of(BETA_ZONE, "us-west1-b")), QueueingHint.QUEUE),
                new HintCase("pv-was-updated-and-changed-topology", pod, pv("Vol_1", Map.of(BETA_ZONE, "us-west1-a")),
                        pv("Vol_1", Map.of(BETA_ZONE, "us-west1-b")), QueueingHint.QUEUE),
                new HintCase("pv-was-updated-and-added-topology-label", pod, pv("Vol_1", Map.of(BETA_ZONE, "us-west1-a")),
                        pv("Vol_1", Map.of(BETA_ZONE, "us-west1-a", ZONE, "zone")), QueueingHint.QUEUE),
                new HintCase("pv-was-updated-but-no-topology-is-changed", pod, pv("Vol_1", Map.of(BETA_ZONE, "us-west1-a", ZONE, "zone")),
                        pv("Vol_1", Map.of(BETA_ZONE, "us-west1-a", ZONE, "zone")), QueueingHint.QUEUE_SKIP));
    }

    @ParameterizedTest
    @MethodSource("volumeHints")
    void volumeHint(HintCase c) {
        assertThat(VolumeZone.hintVolumeChanged(c.pod, c.oldObj, c.newObj)).isEqualTo(c.want);
    }

    @Test
    void registersUpstreamEventsWithQueueHints() {
        List<ClusterEvent> events = new VolumeZone(TestHandle.empty().cluster()).eventsToRegister().stream().map(ClusterEventWithHint::event).toList();
        assertThat(events).extracting(ClusterEvent::resource)
                .containsExactly(ClusterEvent.STORAGE_CLASS, ClusterEvent.NODE, ClusterEvent.PERSISTENT_VOLUME_CLAIM, ClusterEvent.PERSISTENT_VOLUME);
        assertThat(events.get(0).actions()).containsExactly(ActionType.ADD);
        assertThat(events.get(1).actions()).containsExactlyInAnyOrder(ActionType.ADD, ActionType.UPDATE_NODE_LABEL);
        assertThat(events.get(2).actions()).contains(ActionType.ADD, ActionType.UPDATE_OTHER).doesNotContain(ActionType.DELETE);
        assertThat(events.get(3).actions()).contains(ActionType.ADD, ActionType.UPDATE_OTHER).doesNotContain(ActionType.DELETE);
    }
}
