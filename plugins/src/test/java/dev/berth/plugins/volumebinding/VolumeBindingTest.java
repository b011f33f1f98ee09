package dev.berth.plugins.volumebinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.InvalidArgsException;
import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.PreFilterResult;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.Status;
import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.plugins.testing.MakeNode;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySelectorTerm;
import io.fabric8.kubernetes.api.model.TopologySelectorTermBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases ported from upstream's volume_binding_test.go TestVolumeBinding (the scoring cases without their scores). */
class VolumeBindingTest {

    private static final String WAIT_SC = "wait-sc";
    private static final String IMMEDIATE_SC = "immediate-sc";
    private static final String HOSTNAME = "kubernetes.io/hostname";
    private static final TopologySelectorTerm ZONE_Z1 = new TopologySelectorTermBuilder()
            .addNewMatchLabelExpression().withKey("zone").withValues("z1").endMatchLabelExpression().build();

    record Case(String name, Pod pod, List<String> nodes, Map<String, String> nodeLabels, List<PersistentVolumeClaim> pvcs,
                List<PersistentVolume> pvs, Status wantPreFilter, Set<String> wantNodeNames, List<Status> wantFilter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Pod pod(String... claims) {
        MakePod p = MakePod.pod("pod-a");
        for (String c : claims) {
            p.volume(new VolumeBuilder().withName(c).withNewPersistentVolumeClaim().withClaimName(c).endPersistentVolumeClaim().build());
        }
        return p.build();
    }

    static PersistentVolumeClaimBuilder pvc(String name, String className) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace("default").withUid(name + "-uid")
                .endMetadata().withNewSpec().withStorageClassName(className).endSpec();
    }

    static PersistentVolumeClaim boundPvc(String name, String pv) {
        return pvc(name, WAIT_SC).editMetadata().addToAnnotations(Volumes.ANN_BIND_COMPLETED, "yes").endMetadata()
                .editSpec().withVolumeName(pv).endSpec().build();
    }

    static PersistentVolumeBuilder pv(String name, String className, String phase) {
        return new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withStorageClassName(className).endSpec().withNewStatus().withPhase(phase).endStatus();
    }

    static PersistentVolumeBuilder withAffinity(PersistentVolumeBuilder b, String key, String value) {
        return b.editSpec().withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm()
                .withMatchExpressions(new NodeSelectorRequirementBuilder().withKey(key).withOperator("In").withValues(value).build())
                .endNodeSelectorTerm().endRequired().endNodeAffinity().endSpec();
    }

    static PersistentVolume localPv(String name, String capacity, String node) {
        return withAffinity(pv(name, WAIT_SC, "Available"), HOSTNAME, node).editSpec().addToCapacity("storage", new Quantity(capacity)).endSpec().build();
    }

    static Stream<Case> table() {
        List<String> nodeA = List.of("node-a");
        Status ok = Status.SUCCESS;
        List<Status> okA = List.of(ok);
        return Stream.of(
                new Case("pod has not pvcs", pod(), nodeA, Map.of(), List.of(), List.of(), Status.skip(), null, okA),
                new Case("all bound", pod("pvc-a"), nodeA, Map.of(), List.of(boundPvc("pvc-a", "pv-a")),
                        List.of(pv("pv-a", WAIT_SC, "Available").build()), ok, null, okA),
                new Case("all bound with local volumes", pod("pvc-a", "pvc-b"), nodeA, Map.of(),
                        List.of(boundPvc("pvc-a", "pv-a"), boundPvc("pvc-b", "pv-b")),
                        List.of(withAffinity(pv("pv-a", WAIT_SC, "Bound"), HOSTNAME, "node-a").build(),
                                withAffinity(pv("pv-b", WAIT_SC, "Bound"), HOSTNAME, "node-a").build()),
                        ok, Set.of("node-a"), okA),
                new Case("PVC does not exist", pod("pvc-a"), nodeA, Map.of(), List.of(), List.of(),
                        Status.unresolvable("persistentvolumeclaim \"pvc-a\" not found"), null, null),
                new Case("Part of PVCs do not exist", pod("pvc-a", "pvc-b"), nodeA, Map.of(), List.of(boundPvc("pvc-a", "pv-a")), List.of(),
                        Status.unresolvable("persistentvolumeclaim \"pvc-b\" not found"), null, null),
                new Case("immediate claims not bound", pod("pvc-a"), nodeA, Map.of(), List.of(pvc("pvc-a", IMMEDIATE_SC).build()), List.of(),
                        Status.unresolvable(VolumeBinding.ERR_UNBOUND_IMMEDIATE), null, null),
                new Case("unbound claims no matches", pod("pvc-a"), nodeA, Map.of(), List.of(pvc("pvc-a", WAIT_SC).build()), List.of(),
                        ok, null, List.of(Status.unresolvable(VolumeBinding.ERR_REASON_BIND_CONFLICT))),
                new Case("bound and unbound unsatisfied", pod("pvc-a", "pvc-b"), nodeA, Map.of("foo", "barbar"),
                        List.of(boundPvc("pvc-a", "pv-a"), pvc("pvc-b", WAIT_SC).build()),
                        List.of(withAffinity(pv("pv-a", WAIT_SC, "Available"), "foo", "bar").build()),
                        ok, null, List.of(Status.unresolvable(VolumeBinding.ERR_REASON_NODE_CONFLICT, VolumeBinding.ERR_REASON_BIND_CONFLICT))),
                new Case("pvc not found", pod("pvc-a"), nodeA, Map.of(), List.of(), List.of(),
                        Status.unresolvable("persistentvolumeclaim \"pvc-a\" not found"), null, null),
                new Case("pv not found", pod("pvc-a"), nodeA, Map.of(), List.of(boundPvc("pvc-a", "pv-a")), List.of(),
                        ok, null, List.of(Status.unresolvable(VolumeBinding.ERR_REASON_PV_NOT_EXIST))),
                new Case("pv not found claim lost", pod("pvc-a"), nodeA, Map.of(),
                        List.of(new PersistentVolumeClaimBuilder(boundPvc("pvc-a", "pv-a")).withNewStatus().withPhase("Lost").endStatus().build()), List.of(),
                        Status.unresolvable("persistentvolumeclaim \"pvc-a\" bound to non-existent persistentvolume \"pv-a\""), null, null),
                new Case("local volumes with close capacity are preferred", pod("pvc-a"), List.of("node-a", "node-b", "node-c"), Map.of(),
                        List.of(pvc("pvc-a", WAIT_SC).editSpec().withNewResources().addToRequests("storage", new Quantity("50Gi")).endResources().endSpec().build()),
                        List.of(localPv("pv-a-0", "200Gi", "node-a"), localPv("pv-a-1", "200Gi", "node-a"),
                                localPv("pv-b-0", "100Gi", "node-b"), localPv("pv-b-1", "100Gi", "node-b")),
                        ok, null, List.of(ok, ok, Status.unresolvable(VolumeBinding.ERR_REASON_BIND_CONFLICT))));
    }

    private static TestHandle handle(List<PersistentVolumeClaim> pvcs, List<PersistentVolume> pvs) {
        TestHandle h = TestHandle.empty();
        InMemoryCluster cl = h.cluster();
        cl.create(new StorageClassBuilder().withNewMetadata().withName(IMMEDIATE_SC).endMetadata().withVolumeBindingMode("Immediate").build());
        cl.create(new StorageClassBuilder().withNewMetadata().withName(WAIT_SC).endMetadata().withVolumeBindingMode("WaitForFirstConsumer").build());
        pvcs.forEach(cl::create);
        pvs.forEach(cl::create);
        return h;
    }

    private static VolumeBinding plugin(TestHandle h) {
        InMemoryCluster cl = h.cluster();
        return new VolumeBinding(VolumeBindingArgs.defaults(), cl);
    }

    @ParameterizedTest
    @MethodSource("table")
    void volumeBinding(Case c) {
        TestHandle h = handle(c.pvcs, c.pvs);
        VolumeBinding plugin = plugin(h);
        CycleState state = new CycleState();
        PreFilterResult result = plugin.preFilter(state, c.pod, List.of());
        assertThat(result.status()).isEqualTo(c.wantPreFilter);
        assertThat(result.nodeNames().orElse(null)).isEqualTo(c.wantNodeNames);
        if (!result.status().isSuccess()) {
            return;
        }
        for (int i = 0; i < c.nodes.size(); i++) {
            MakeNode node = MakeNode.node(c.nodes.get(i));
            c.nodeLabels.forEach(node::label);
            assertThat(plugin.filter(state, c.pod, NodeInfo.of(node.build()))).as(c.nodes.get(i)).isEqualTo(c.wantFilter.get(i));
        }
    }

    private static PersistentVolumeClaim sized(String name, String size) {
        return pvc(name, WAIT_SC).editSpec().withNewResources().addToRequests("storage", new Quantity(size)).endResources().endSpec().build();
    }

    private static Pod podNamed(String name, String claim) {
        return MakePod.pod(name).volume(new VolumeBuilder().withName("v").withNewPersistentVolumeClaim().withClaimName(claim).endPersistentVolumeClaim().build()).build();
    }

    /** Runs PreFilter, Filter on node-a and Reserve; returns the state. */
    private static CycleState scheduleOnNodeA(VolumeBinding plugin, Pod pod) {
        CycleState state = new CycleState();
        assertThat(plugin.preFilter(state, pod, List.of()).status()).isEqualTo(Status.SUCCESS);
        assertThat(plugin.filter(state, pod, NodeInfo.of(MakeNode.node("node-a").build()))).isEqualTo(Status.SUCCESS);
        assertThat(plugin.reserve(state, pod, "node-a")).isEqualTo(Status.SUCCESS);
        return state;
    }

    private String claimOf(TestHandle h, String pvName) {
        var ref = h.cluster().get(PersistentVolume.class, null, pvName).orElseThrow().getSpec().getClaimRef();
        return ref == null ? null : ref.getName();
    }

    @Test
    void assumedVolumesAreNotPickedTwiceAndPreBindBindsBothSides() {
        TestHandle h = handle(List.of(sized("pvc-a", "50Gi"), sized("pvc-b", "50Gi")),
                List.of(localPv("big", "200Gi", "node-a"), localPv("small", "100Gi", "node-a"), localPv("tiny", "10Gi", "node-a")));
        VolumeBinding plugin = plugin(h);
        Pod podA = podNamed("pod-a", "pvc-a");
        Pod podB = podNamed("pod-b", "pvc-b");
        CycleState stateA = scheduleOnNodeA(plugin, podA);
        CycleState stateB = scheduleOnNodeA(plugin, podB);

        assertThat(plugin.preBind(stateB, podB, "node-a")).isEqualTo(Status.SUCCESS);
        assertThat(plugin.preBind(stateA, podA, "node-a")).isEqualTo(Status.SUCCESS);
        assertThat(claimOf(h, "small")).as("smallest fitting PV").isEqualTo("pvc-a");
        assertThat(claimOf(h, "big")).as("small was assumed for pod-a").isEqualTo("pvc-b");
        assertThat(claimOf(h, "tiny")).isNull();
        PersistentVolume bound = h.cluster().get(PersistentVolume.class, null, "small").orElseThrow();
        assertThat(bound.getSpec().getClaimRef().getUid()).isEqualTo("pvc-a-uid");
        PersistentVolumeClaim boundClaim = h.cluster().get(PersistentVolumeClaim.class, "default", "pvc-a").orElseThrow();
        assertThat(boundClaim.getSpec().getVolumeName()).isEqualTo("small");
        assertThat(Volumes.isFullyBound(boundClaim)).isTrue();
    }

    @Test
    void unreserveReleasesTheAssumedVolume() {
        TestHandle h = handle(List.of(sized("pvc-a", "50Gi"), sized("pvc-b", "50Gi")),
                List.of(localPv("big", "200Gi", "node-a"), localPv("small", "100Gi", "node-a")));
        VolumeBinding plugin = plugin(h);
        Pod podA = podNamed("pod-a", "pvc-a");
        plugin.unreserve(scheduleOnNodeA(plugin, podA), podA, "node-a");
        Pod podB = podNamed("pod-b", "pvc-b");
        assertThat(plugin.preBind(scheduleOnNodeA(plugin, podB), podB, "node-a")).isEqualTo(Status.SUCCESS);
        assertThat(claimOf(h, "small")).isEqualTo("pvc-b");
    }

    @Test
    void provisioningNeedsAProvisionerWhoseTopologyAdmitsTheNode() {
        TestHandle h = handle(List.of(pvc("pvc-a", "fast").build()), List.of());
        h.cluster().create(new StorageClassBuilder().withNewMetadata().withName("fast").endMetadata().withVolumeBindingMode("WaitForFirstConsumer")
                .withProvisioner("csi.example.com").addToAllowedTopologies(ZONE_Z1).build());
        InMemoryCluster cl = h.cluster();
        // Stands in for an external provisioner: binds a claim as soon as a node is selected for it.
        cl.watch(PersistentVolumeClaim.class, new dev.berth.framework.api.ClusterWatcher<>() {
            @Override
            public void onAdd(PersistentVolumeClaim pvc) {
            }

            @Override
            public void onUpdate(PersistentVolumeClaim oldPvc, PersistentVolumeClaim pvc) {
                var annotations = pvc.getMetadata().getAnnotations();
                if (annotations != null && annotations.containsKey(Volumes.ANN_SELECTED_NODE) && !annotations.containsKey(Volumes.ANN_BIND_COMPLETED)) {
                    cl.update(new PersistentVolumeClaimBuilder(pvc).editMetadata().addToAnnotations(Volumes.ANN_BIND_COMPLETED, "yes").endMetadata()
                            .editSpec().withVolumeName("pvc-provisioned").endSpec().build());
                }
            }

            @Override
            public void onDelete(PersistentVolumeClaim pvc) {
            }
        });
        VolumeBinding plugin = new VolumeBinding(VolumeBindingArgs.defaults(), cl);
        Pod pod = pod("pvc-a");
        CycleState state = new CycleState();
        assertThat(plugin.preFilter(state, pod, List.of()).status()).isEqualTo(Status.SUCCESS);
        assertThat(plugin.filter(state, pod, NodeInfo.of(MakeNode.node("node-b").label("zone", "z2").build())))
                .isEqualTo(Status.unresolvable(VolumeBinding.ERR_REASON_BIND_CONFLICT));
        assertThat(plugin.filter(state, pod, NodeInfo.of(MakeNode.node("node-a").label("zone", "z1").build()))).isEqualTo(Status.SUCCESS);
        assertThat(plugin.reserve(state, pod, "node-a")).isEqualTo(Status.SUCCESS);
        assertThat(plugin.preBind(state, pod, "node-a")).isEqualTo(Status.SUCCESS);
        PersistentVolumeClaim claim = h.cluster().get(PersistentVolumeClaim.class, "default", "pvc-a").orElseThrow();
        assertThat(claim.getMetadata().getAnnotations()).containsEntry(Volumes.ANN_SELECTED_NODE, "node-a");
    }

    @Test
    void hints() {
        Pod pod = pod("pvc-a");
        var sc = new StorageClassBuilder().withNewMetadata().withName("s").endMetadata().build();
        var scWithTopology = new StorageClassBuilder(sc).addToAllowedTopologies(ZONE_Z1).build();
        assertThat(VolumeBinding.hintStorageClassChanged(pod, null, sc)).isEqualTo(QueueingHint.QUEUE);
        assertThat(VolumeBinding.hintStorageClassChanged(pod, sc, scWithTopology)).isEqualTo(QueueingHint.QUEUE);
        assertThat(VolumeBinding.hintStorageClassChanged(pod, sc, sc)).isEqualTo(QueueingHint.QUEUE_SKIP);
        assertThat(VolumeBinding.hintClaimChanged(pod, null, pvc("pvc-a", WAIT_SC).build())).isEqualTo(QueueingHint.QUEUE);
        assertThat(VolumeBinding.hintClaimChanged(pod, null, pvc("pvc-b", WAIT_SC).build())).isEqualTo(QueueingHint.QUEUE_SKIP);
        assertThat(VolumeBinding.hintClaimChanged(pod, null, pvc("pvc-a", WAIT_SC).editMetadata().withNamespace("x").endMetadata().build()))
                .isEqualTo(QueueingHint.QUEUE_SKIP);
    }

    @Test
    void theRegisteredFactoryBindsClaimAndVolumeThroughTheCluster() {
        TestHandle h = handle(List.of(pvc("pvc-a", WAIT_SC).build()), List.of(localPv("pv", "1Gi", "node-a")));
        VolumeBinding plugin = (VolumeBinding) new VolumeBinding.Factory().create(PluginArgs.empty(), h);
        Pod pod = pod("pvc-a");
        CycleState state = new CycleState();
        plugin.preFilter(state, pod, List.of());
        plugin.filter(state, pod, NodeInfo.of(MakeNode.node("node-a").build()));
        plugin.reserve(state, pod, "node-a");
        Status s = plugin.preBind(state, pod, "node-a");
        assertThat(s).isEqualTo(Status.SUCCESS);
        assertThat(h.cluster().get(PersistentVolumeClaim.class, "default", "pvc-a").orElseThrow().getSpec().getVolumeName()).isEqualTo("pv");
        assertThat(h.cluster().get(PersistentVolume.class, null, "pv").orElseThrow().getSpec().getClaimRef().getName()).isEqualTo("pvc-a");
    }

    @Test
    void argsDefaultsAndValidation() {
        assertThat(PluginArgs.empty().decode(VolumeBindingArgs.class).bindTimeoutSeconds()).isEqualTo(600L);
        new VolumeBindingArgs(0L, null).validate();
        new VolumeBindingArgs(10L, null).validate();
        assertThatThrownBy(() -> new VolumeBindingArgs(-10L, null).validate()).isInstanceOfSatisfying(InvalidArgsException.class, e -> {
            assertThat(e.field()).isEqualTo("bindTimeoutSeconds");
            assertThat(e.getMessage()).isEqualTo("invalid BindTimeoutSeconds, should not be a negative value");
        });
        PluginArgs withShape = PluginArgs.of(Map.of("shape", List.of(Map.of("utilization", 1, "score", 1), Map.of("utilization", 3, "score", 3))));
        assertThatThrownBy(() -> new VolumeBinding.Factory().create(withShape, TestHandle.empty()))
                .isInstanceOfSatisfying(InvalidArgsException.class, e -> assertThat(e.field()).isEqualTo("shape"));
    }

    @Test
    void registersUpstreamEventsWithoutCapacityTracking() {
        List<String> resources = plugin(TestHandle.empty()).eventsToRegister().stream().map(ClusterEventWithHint::event).map(ClusterEvent::resource).toList();
        assertThat(resources).containsExactly(ClusterEvent.STORAGE_CLASS, ClusterEvent.PERSISTENT_VOLUME_CLAIM, ClusterEvent.PERSISTENT_VOLUME,
                ClusterEvent.NODE, ClusterEvent.CSI_NODE);
    }
}
