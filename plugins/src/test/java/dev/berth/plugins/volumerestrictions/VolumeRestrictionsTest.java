package dev.berth.plugins.volumerestrictions;

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
import dev.berth.plugins.testing.MakeNode;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases ported from upstream's volume_restrictions_test.go. */
class VolumeRestrictionsTest {

    private static final Status DISK_CONFLICT = Status.unschedulable(VolumeRestrictions.ERR_REASON_DISK_CONFLICT);
    private static final Status RWOP_CONFLICT = Status.unschedulable(VolumeRestrictions.ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT);

    record Case(String name, Pod pod, List<Pod> onNode, Status wantPreFilter, Status wantFilter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Pod podWith(Volume... volumes) {
        MakePod p = MakePod.pod("p");
        for (Volume v : volumes) {
            p.volume(v);
        }
        return p.build();
    }

    /** The four tables share their shape: nothing, one state, same state, different state. */
    static Stream<Case> diskTable(String test, Volume state, Volume state2) {
        return Stream.of(
                new Case(test + "/nothing", podWith(), List.of(), Status.skip(), Status.SUCCESS),
                new Case(test + "/one state", podWith(), List.of(podWith(state)), Status.skip(), Status.SUCCESS),
                new Case(test + "/same state", podWith(state), List.of(podWith(state)), Status.SUCCESS, DISK_CONFLICT),
                new Case(test + "/different state", podWith(state2), List.of(podWith(state)), Status.SUCCESS, Status.SUCCESS));
    }

    static Stream<Case> diskConflicts() {
        Volume gce = new VolumeBuilder().withName("a").withNewGcePersistentDisk().withPdName("foo").endGcePersistentDisk().build();
        Volume gce2 = new VolumeBuilder().withName("a").withNewGcePersistentDisk().withPdName("bar").endGcePersistentDisk().build();
        Volume aws = new VolumeBuilder().withName("a").withNewAwsElasticBlockStore().withVolumeID("foo").endAwsElasticBlockStore().build();
        Volume aws2 = new VolumeBuilder().withName("a").withNewAwsElasticBlockStore().withVolumeID("bar").endAwsElasticBlockStore().build();
        Volume rbd = new VolumeBuilder().withName("a").withNewRbd().withMonitors("a", "b").withPool("foo").withImage("bar").withFsType("ext4").endRbd().build();
        Volume rbd2 = new VolumeBuilder().withName("a").withNewRbd().withMonitors("c", "d").withPool("foo").withImage("bar").withFsType("ext4").endRbd().build();
        Volume iscsi = new VolumeBuilder().withName("a").withNewIscsi().withTargetPortal("127.0.0.1:3260").withIqn("iqn.2016-12.server:storage.target01")
                .withFsType("ext4").withLun(0).endIscsi().build();
        Volume iscsi2 = new VolumeBuilder().withName("a").withNewIscsi().withTargetPortal("127.0.0.1:3260").withIqn("iqn.2017-12.server:storage.target01")
                .withFsType("ext4").withLun(0).endIscsi().build();
        Volume noRestriction = new VolumeBuilder().withName("volume with no restriction").build();
        return Stream.of(
                diskTable("TestGCEDiskConflicts", gce, gce2),
                Stream.of(new Case("TestGCEDiskConflicts/pod with a volume that doesn't have restrictions", podWith(noRestriction), List.of(),
                        Status.skip(), Status.SUCCESS)),
                diskTable("TestAWSDiskConflicts", aws, aws2),
                diskTable("TestRBDDiskConflicts", rbd, rbd2),
                diskTable("TestISCSIDiskConflicts", iscsi, iscsi2)).flatMap(s -> s);
    }

    @ParameterizedTest
    @MethodSource("diskConflicts")
    void diskConflicts(Case c) {
        run(TestHandle.empty(), c);
    }

    static Pod claimPod(String name, String... claims) {
        MakePod p = MakePod.pod(name).node("node-1");
        for (String claim : claims) {
            p.volume(new VolumeBuilder().withName(claim).withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim().build());
        }
        return p.build();
    }

    static Stream<Case> accessModeConflicts() {
        Pod podWithOnePvc = claimPod("pod-with-one-pvc", "claim-with-rwop-1");
        Pod podWithTwoPvcs = claimPod("pod-with-two-pvcs", "claim-with-rwop-1", "claim-with-rwop-2");
        Pod podWithOneConflict = claimPod("pod-with-one-conflict", "claim-with-rwop-1");
        Pod podWithTwoConflicts = claimPod("pod-with-two-conflicts", "claim-with-rwop-1", "claim-with-rwop-2");
        Pod podWithRwx = claimPod("pod-with-rwx", "claim-with-rwx");
        return Stream.of(
                new Case("TestAccessModeConflicts/nothing", podWith(), List.of(), Status.skip(), Status.SUCCESS),
                new Case("TestAccessModeConflicts/failed to get PVC", claimPod("pod-with-one-pvc", "missing"), List.of(),
                        Status.unresolvable("persistentvolumeclaim \"missing\" not found"), null),
                new Case("TestAccessModeConflicts/no access mode conflict", podWithOnePvc, List.of(podWithRwx), Status.skip(), Status.SUCCESS),
                new Case("TestAccessModeConflicts/access mode conflict, unschedulable", podWithOneConflict, List.of(podWithOnePvc, podWithRwx),
                        Status.SUCCESS, RWOP_CONFLICT),
                new Case("TestAccessModeConflicts/two conflicts, unschedulable", podWithTwoConflicts, List.of(podWithTwoPvcs, podWithRwx),
                        Status.SUCCESS, RWOP_CONFLICT));
    }

    @ParameterizedTest
    @MethodSource("accessModeConflicts")
    void accessModeConflicts(Case c) {
        Node node = MakeNode.node("node-1").build();
        TestHandle h = new TestHandle(List.of(node), c.onNode);
        h.cluster().create(claim("claim-with-rwop-1", "ReadWriteOncePod"));
        h.cluster().create(claim("claim-with-rwop-2", "ReadWriteOncePod"));
        h.cluster().create(claim("claim-with-rwx", "ReadWriteMany"));
        run(h, c);
    }

    @Test
    void preemptionRemovingTheClaimUserClearsTheConflict() {
        Pod user = claimPod("user", "claim-with-rwop-1");
        Node node = MakeNode.node("node-1").build();
        TestHandle h = new TestHandle(List.of(node), List.of(user));
        h.cluster().create(claim("claim-with-rwop-1", "ReadWriteOncePod"));
        VolumeRestrictions plugin = plugin(h);
        Pod pod = claimPod("pod", "claim-with-rwop-1");
        CycleState state = new CycleState();
        plugin.preFilter(state, pod, h.snapshot().list());
        NodeInfo ni = NodeInfo.of(node, PodInfo.of(user));
        assertThat(plugin.filter(state, pod, ni)).isEqualTo(RWOP_CONFLICT);
        CycleState copy = state.copy();
        plugin.removePod(copy, pod, PodInfo.of(user), ni);
        assertThat(plugin.filter(copy, pod, NodeInfo.of(node))).isEqualTo(Status.SUCCESS);
        assertThat(plugin.filter(state, pod, ni)).as("the original state is untouched").isEqualTo(RWOP_CONFLICT);
        plugin.addPod(copy, pod, PodInfo.of(user), ni);
        assertThat(plugin.filter(copy, pod, ni)).isEqualTo(RWOP_CONFLICT);
    }

    private static PersistentVolumeClaim claim(String name, String mode) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withAccessModes(mode).endSpec().build();
    }

    private static VolumeRestrictions plugin(TestHandle h) {
        return (VolumeRestrictions) new VolumeRestrictions.Factory().create(PluginArgs.empty(), h);
    }

    private static void run(TestHandle h, Case c) {
        VolumeRestrictions plugin = plugin(h);
        CycleState state = new CycleState();
        Status pre = plugin.preFilter(state, c.pod, h.snapshot().list()).status();
        assertThat(pre).isEqualTo(c.wantPreFilter);
        if (pre.isSuccess()) {
            NodeInfo ni = NodeInfo.of(MakeNode.node("node-1").build(), c.onNode.stream().map(PodInfo::of).toArray(PodInfo[]::new));
            assertThat(plugin.filter(state, c.pod, ni)).isEqualTo(c.wantFilter);
        }
    }

    @Test
    void hints() {
        Pod pod = claimPod("pod", "claim-a");
        PersistentVolumeClaim same = claim("claim-a", "ReadWriteOncePod");
        PersistentVolumeClaim otherNs = new PersistentVolumeClaimBuilder(same).editMetadata().withNamespace("other").endMetadata().build();
        assertThat(VolumeRestrictions.hintClaimAdded(pod, null, same)).isEqualTo(QueueingHint.QUEUE);
        assertThat(VolumeRestrictions.hintClaimAdded(pod, null, otherNs)).isEqualTo(QueueingHint.QUEUE_SKIP);
        assertThat(VolumeRestrictions.hintClaimAdded(pod, null, claim("claim-b", "ReadWriteOncePod"))).isEqualTo(QueueingHint.QUEUE_SKIP);
        assertThat(VolumeRestrictions.hintPodDeleted(pod, claimPod("gone", "claim-a"), null)).isEqualTo(QueueingHint.QUEUE);
        assertThat(VolumeRestrictions.hintPodDeleted(pod, claimPod("gone", "claim-b"), null)).isEqualTo(QueueingHint.QUEUE_SKIP);
        Volume ebs = new VolumeBuilder().withName("a").withNewAwsElasticBlockStore().withVolumeID("foo").endAwsElasticBlockStore().build();
        assertThat(VolumeRestrictions.hintPodDeleted(podWith(ebs), podWith(ebs), null)).isEqualTo(QueueingHint.QUEUE);
    }

    @Test
    void registersUpstreamEventsWithQueueHints() {
        List<ClusterEvent> events = plugin(TestHandle.empty()).eventsToRegister().stream().map(ClusterEventWithHint::event).toList();
        assertThat(events).containsExactly(
                ClusterEvent.of(ClusterEvent.POD, ActionType.DELETE),
                ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD),
                ClusterEvent.of(ClusterEvent.PERSISTENT_VOLUME_CLAIM, ActionType.ADD));
    }
}
