package dev.berth.plugins.nodevolumelimits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.Status;
import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINodeBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINodeDriverBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cases ported from upstream's csi_test.go TestCSILimits (those without CSI migration or
 * VolumeAttachments, which Berth does not count) and its queueing hint tests.
 */
class NodeVolumeLimitsTest {

    private static final String EBS = "ebs.csi.aws.com";
    private static final String GCE = "pd.csi.storage.gke.io";
    private static final String SC = "csi-sc";
    private static final String NODE = "node-for-max-pd-test-1";
    private static final Status EXCEEDED = Status.unschedulable(NodeVolumeLimits.ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED);

    enum LimitSource { CSINODE, CSINODE_WITH_NO_LIMIT }

    record Case(String name, Pod newPod, List<Pod> existing, List<PersistentVolumeClaim> extraClaims, int maxVols,
                List<String> drivers, LimitSource limitSource, Status wantPreFilter, Status wantFilter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Volume claimVolume(String claim) {
        return new VolumeBuilder().withName(claim).withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim().build();
    }

    static Volume ephemeral(String name) {
        return new VolumeBuilder().withName(name).withNewEphemeral().endEphemeral().build();
    }

    static Pod pod(String... claims) {
        MakePod p = MakePod.pod("p");
        for (String c : claims) {
            p.volume(claimVolume(c));
        }
        return p.build();
    }

    static Pod ephemeralPod(String uid, Volume... volumes) {
        MakePod p = MakePod.pod("abc").namespace("test").uid(uid);
        for (Volume v : volumes) {
            p.volume(v);
        }
        return p.build();
    }

    static PersistentVolumeClaim ephemeralClaim(String name, String ownerUid) {
        var b = new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace("test").withName(name).endMetadata()
                .withNewSpec().withStorageClassName(SC).endSpec();
        if (ownerUid != null) {
            b.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withKind("Pod").withName("abc").withUid(ownerUid).withController(true).build()).endMetadata();
        }
        return b.build();
    }

    static Stream<Case> csiLimits() {
        Pod runningPod = pod("csi-" + EBS + "-3");
        Pod pendingVolumePod = pod("csi-4");
        Pod unboundPvcPod2 = pod("csi-4");
        Pod missingPvPod = pod("csi-6");
        Pod noScPvcPod = pod("csi-5");
        Pod gceTwoVolPod = pod("csi-" + GCE + "-1", "csi-" + GCE + "-2");
        Pod csiEbsOneVolPod = pod("csi-" + EBS + "-0");
        Pod csiEbsTwoVolPod = pod("csi-" + EBS + "-1", "csi-" + EBS + "-2");
        Pod ephemeralVolumePod = ephemeralPod("12345", ephemeral("xyz"));
        PersistentVolumeClaim ephemeralClaim = ephemeralClaim("abc-xyz", "12345");
        PersistentVolumeClaim conflictingClaim = ephemeralClaim("abc-xyz", null);
        Pod ephemeralTwoVolumePod = ephemeralPod("12345II", ephemeral("x"), ephemeral("y"));
        PersistentVolumeClaim ephemeralClaimX = ephemeralClaim("abc-x", "12345II");
        PersistentVolumeClaim ephemeralClaimY = ephemeralClaim("abc-y", "12345II");
        Volume configMap = new VolumeBuilder().withName("cm").withNewConfigMap().endConfigMap().build();
        Volume secret = new VolumeBuilder().withName("s").withNewSecret().endSecret().build();
        Pod onlyConfigmapAndSecret = MakePod.pod("p").volume(configMap).volume(secret).build();
        Pod pvcWithConfigmapAndSecret = MakePod.pod("p").volume(configMap).volume(secret).volume(claimVolume("csi-" + EBS + "-0")).build();
        Pod ephemeralWithConfigmapAndSecret = ephemeralPod("u", configMap, secret, ephemeral("xyz"));
        // Upstream's fake lister says "persistentvolumeclaims"; the informer lister Berth mirrors says "persistentvolumeclaim".
        Status ephemeralMissing = Status.unresolvable("looking up PVC test/abc-xyz: persistentvolumeclaim \"abc-xyz\" not found");
        List<String> ebs = List.of(EBS);
        List<String> both = List.of(EBS, GCE);
        LimitSource csiNode = LimitSource.CSINODE;
        LimitSource noLimit = LimitSource.CSINODE_WITH_NO_LIMIT;
        Status ok = Status.SUCCESS;
        return Stream.of(
                new Case("fits when node volume limit >= new pods CSI volume", csiEbsOneVolPod, List.of(runningPod, csiEbsTwoVolPod), List.of(), 4, ebs, csiNode, ok, ok),
                new Case("doesn't when node volume limit <= pods CSI volume", csiEbsOneVolPod, List.of(runningPod, csiEbsTwoVolPod), List.of(), 2, ebs, csiNode, ok, EXCEEDED),
                new Case("should when driver does not support volume limits", csiEbsOneVolPod, List.of(runningPod, csiEbsTwoVolPod), List.of(), 2, ebs, noLimit, ok, ok),
                new Case("count pending PVCs towards volume limit <= pods CSI volume", csiEbsOneVolPod, List.of(pendingVolumePod, csiEbsTwoVolPod), List.of(), 2, ebs, csiNode, ok, EXCEEDED),
                new Case("count multiple pending pvcs towards volume limit >= pods CSI volume", csiEbsOneVolPod,
                        List.of(pendingVolumePod, unboundPvcPod2, csiEbsTwoVolPod), List.of(), 4, ebs, csiNode, ok, ok),
                new Case("should count PVCs with invalid PV name but valid SC", csiEbsOneVolPod, List.of(missingPvPod, csiEbsTwoVolPod), List.of(), 2, ebs, csiNode, ok, EXCEEDED),
                new Case("don't count pvcs with missing SC towards volume limit", csiEbsOneVolPod, List.of(runningPod, noScPvcPod), List.of(), 2, ebs, csiNode, ok, ok),
                new Case("count pvcs with the same type towards volume limit", csiEbsOneVolPod, List.of(gceTwoVolPod, csiEbsTwoVolPod), List.of(), 2, both, csiNode, ok, EXCEEDED),
                new Case("don't count pvcs with different type towards volume limit", gceTwoVolPod, List.of(csiEbsTwoVolPod, runningPod), List.of(), 2, both, csiNode, ok, ok),
                new Case("ephemeral volume missing", ephemeralVolumePod, List.of(), List.of(), 0, ebs, noLimit, ok, ephemeralMissing),
                new Case("ephemeral volume not owned", ephemeralVolumePod, List.of(), List.of(conflictingClaim), 0, ebs, noLimit, ok,
                        Status.error("PVC test/abc-xyz was not created for pod test/abc (pod is not owner)")),
                new Case("ephemeral volume unbound", ephemeralVolumePod, List.of(), List.of(ephemeralClaim), 0, ebs, noLimit, ok, ok),
                new Case("ephemeral doesn't when node volume limit <= pods CSI volume", ephemeralVolumePod, List.of(runningPod, csiEbsTwoVolPod),
                        List.of(ephemeralClaim), 2, ebs, csiNode, ok, EXCEEDED),
                new Case("ephemeral doesn't when node volume limit <= pods ephemeral CSI volume", csiEbsOneVolPod, List.of(runningPod, ephemeralTwoVolumePod),
                        List.of(ephemeralClaimX, ephemeralClaimY), 2, ebs, csiNode, ok, EXCEEDED),
                new Case("persistent doesn't when node volume limit <= pods ephemeral CSI volume + persistent volume", csiEbsOneVolPod,
                        List.of(runningPod, ephemeralVolumePod, csiEbsTwoVolPod), List.of(ephemeralClaim), 3, ebs, csiNode, ok, EXCEEDED),
                new Case("persistent okay when node volume limit > pods ephemeral CSI volume + persistent volume", csiEbsOneVolPod,
                        List.of(runningPod, ephemeralVolumePod, csiEbsTwoVolPod), List.of(ephemeralClaim), 5, ebs, csiNode, ok, ok),
                new Case("skip Filter when the pod only uses secrets and configmaps", onlyConfigmapAndSecret, List.of(), List.of(), 2, ebs, csiNode, Status.skip(), null),
                new Case("don't skip Filter when the pod has pvcs", pvcWithConfigmapAndSecret, List.of(), List.of(), 2, ebs, csiNode, ok, ok),
                new Case("don't skip Filter when the pod has ephemeral volumes", ephemeralWithConfigmapAndSecret, List.of(), List.of(), 0, ebs, noLimit, ok, ephemeralMissing));
    }

    @ParameterizedTest
    @MethodSource("csiLimits")
    void csiLimits(Case c) {
        TestHandle h = TestHandle.empty();
        InMemoryCluster cl = h.cluster();
        for (String driver : c.drivers) {
            for (int j = 0; j < 4; j++) {
                String name = "csi-" + driver + "-" + j;
                cl.create(new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata()
                        .withNewSpec().withNewCsi().withDriver(driver).withVolumeHandle(name).endCsi().endSpec().build());
                cl.create(new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                        .withNewSpec().withVolumeName(name).endSpec().build());
            }
        }
        cl.create(new PersistentVolumeClaimBuilder().withNewMetadata().withName("csi-4").withNamespace("default").endMetadata()
                .withNewSpec().withStorageClassName(SC).endSpec().build());
        cl.create(new PersistentVolumeClaimBuilder().withNewMetadata().withName("csi-5").withNamespace("default").endMetadata()
                .withNewSpec().endSpec().build());
        cl.create(new PersistentVolumeClaimBuilder().withNewMetadata().withName("csi-6").withNamespace("default").endMetadata()
                .withNewSpec().withStorageClassName(SC).withVolumeName("missing-in-action").endSpec().build());
        c.extraClaims.forEach(cl::create);
        cl.create(new StorageClassBuilder().withNewMetadata().withName(SC).endMetadata().withProvisioner(c.drivers.get(0)).build());
        var csiNode = new CSINodeBuilder().withNewMetadata().withName(NODE).endMetadata().withNewSpec().endSpec();
        for (String driver : c.drivers) {
            var d = new CSINodeDriverBuilder().withName(driver).withNodeID(NODE);
            if (c.limitSource == LimitSource.CSINODE) {
                d.withNewAllocatable().withCount(c.maxVols).endAllocatable();
            }
            csiNode.editSpec().addToDrivers(d.build()).endSpec();
        }
        cl.create(csiNode.build());

        NodeVolumeLimits plugin = (NodeVolumeLimits) new NodeVolumeLimits.Factory().create(PluginArgs.empty(), h);
        CycleState state = new CycleState();
        Status pre = plugin.preFilter(state, c.newPod, List.of()).status();
        assertThat(pre).isEqualTo(c.wantPreFilter);
        if (!pre.isSkip()) {
            Node node = new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build();
            NodeInfo ni = NodeInfo.of(node, c.existing.stream().map(PodInfo::of).toArray(PodInfo[]::new));
            assertThat(plugin.filter(state, c.newPod, ni)).isEqualTo(c.wantFilter);
        }
    }

    @Test
    void nodeAllocatableLimitAppliesWithoutCsiNode() {
        TestHandle h = TestHandle.empty();
        h.cluster().create(new PersistentVolumeBuilder().withNewMetadata().withName("pv").endMetadata()
                .withNewSpec().withNewCsi().withDriver(EBS).withVolumeHandle("pv").endCsi().endSpec().build());
        h.cluster().create(new PersistentVolumeClaimBuilder().withNewMetadata().withName("c").withNamespace("default").endMetadata()
                .withNewSpec().withVolumeName("pv").endSpec().build());
        NodeVolumeLimits plugin = new NodeVolumeLimits(h.cluster());
        Pod newPod = pod("c");
        CycleState state = new CycleState();
        plugin.preFilter(state, newPod, List.of());
        Node node = new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().withNewStatus()
                .addToAllocatable(NodeVolumeLimits.attachLimitKey(EBS), new io.fabric8.kubernetes.api.model.Quantity("0")).endStatus().build();
        assertThat(plugin.filter(state, newPod, NodeInfo.of(node))).isEqualTo(EXCEEDED);
    }

    @Test
    void attachLimitKeyShortensLongDriverNames() {
        assertThat(NodeVolumeLimits.attachLimitKey(EBS)).isEqualTo("attachable-volumes-csi-ebs.csi.aws.com");
        String longName = "a".repeat(50);
        assertThat(NodeVolumeLimits.attachLimitKey(longName)).hasSize(23 + 23 + 16).startsWith("attachable-volumes-csi-" + "a".repeat(23));
    }

    record HintCase(String name, Pod pod, Object oldObj, Object newObj, QueueingHint want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<HintCase> podDeletedHints() {
        Pod podEbs = pod("csi-" + EBS + "-2");
        Pod scheduledWithClaim = MakePod.pod("d").node(NODE).volume(claimVolume("placeholder")).build();
        return Stream.of(
                new HintCase("TestCSILimitsQHint/return a Queue when a deleted pod has a PVC", podEbs, scheduledWithClaim, null, QueueingHint.QUEUE),
                new HintCase("TestCSILimitsQHint/return a QueueSkip when a deleted pod doesn't have any volume", podEbs,
                        MakePod.pod("d").node(NODE).build(), null, QueueingHint.QUEUE_SKIP),
                new HintCase("TestCSILimitsQHint/return a QueueSkip when a deleted pod is not scheduled.", podEbs,
                        MakePod.pod("d").volume(claimVolume("csi-" + EBS + "-0")).build(), null, QueueingHint.QUEUE_SKIP));
    }

    @ParameterizedTest
    @MethodSource("podDeletedHints")
    void podDeletedHint(HintCase c) {
        assertThat(NodeVolumeLimits.hintPodDeleted(c.pod, c.oldObj, c.newObj)).isEqualTo(c.want);
    }

    static Stream<HintCase> claimAddedHints() {
        PersistentVolumeClaim pvc1 = claim("pvc1", "ns1");
        return Stream.of(
                new HintCase("a pod isn't in the same namespace as an added PVC", MakePod.pod("p").namespace("ns1").build(), null, claim("x", "ns2"), QueueingHint.QUEUE_SKIP),
                new HintCase("a pod is in the same namespace as an added PVC", MakePod.pod("p").namespace("ns1").volume(claimVolume("pvc1")).build(), null, pvc1, QueueingHint.QUEUE),
                new HintCase("a pod has an ephemeral volume related to an added PVC", MakePod.pod("pod1").namespace("ns1").volume(ephemeral("ephemeral")).build(),
                        null, claim("pod1-ephemeral", "ns1"), QueueingHint.QUEUE),
                new HintCase("a pod doesn't have the same PVC as an added PVC", MakePod.pod("p").namespace("ns1").volume(claimVolume("pvc1")).build(),
                        null, claim("pvc2", "ns1"), QueueingHint.QUEUE_SKIP),
                new HintCase("a pod doesn't have any PVC attached", MakePod.pod("p").namespace("ns1").build(), null, claim("pvc2", "ns1"), QueueingHint.QUEUE_SKIP));
    }

    @ParameterizedTest
    @MethodSource("claimAddedHints")
    void claimAddedHint(HintCase c) {
        assertThat(NodeVolumeLimits.hintClaimAdded(c.pod, c.oldObj, c.newObj)).isEqualTo(c.want);
    }

    private static PersistentVolumeClaim claim(String name, String ns) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata().build();
    }

    @Test
    void registersUpstreamEventsExceptVolumeAttachment() {
        List<ClusterEvent> events = new ArrayList<>(new NodeVolumeLimits(TestHandle.empty().cluster()).eventsToRegister().stream()
                .map(ClusterEventWithHint::event).toList());
        assertThat(events).containsExactly(
                ClusterEvent.of(ClusterEvent.CSI_NODE, ActionType.ADD),
                ClusterEvent.of(ClusterEvent.POD, ActionType.DELETE),
                ClusterEvent.of(ClusterEvent.PERSISTENT_VOLUME_CLAIM, ActionType.ADD));
    }
}
