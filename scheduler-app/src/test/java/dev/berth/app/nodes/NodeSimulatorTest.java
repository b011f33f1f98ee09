package dev.berth.app.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.app.up.EmbeddedApi;
import dev.berth.plugins.trimaran.targetloadpacking.AnnotationMetricsSource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The node simulator against the embedded API in-process (store + shim over HTTPS, as {@code berth up} runs them):
 * nodes from the profile, Leases renewed, bound pods run and finish, nodes fail and go. Each test runs its own
 * simulator on nodes with a prefix of its own, so that the tests do not see each other's nodes.
 */
class NodeSimulatorTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final NodeProfile.Size SMALL = new NodeProfile.Size("test.small", "2", "4Gi", 20);
    private static final NodeProfile.Size LARGE = new NodeProfile.Size("test.large", "6", "12Gi", 50);
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @TempDir
    static Path dir;
    static EmbeddedApi api;
    static KubernetesClient client;

    private NodeSimulator simulator;

    @BeforeAll
    static void startApi() throws Exception {
        api = EmbeddedApi.start(dir, 1, "127.0.0.1", 0);
        Config config = api.clientConfig();
        // The first TLS handshake with a cold JVM on this shared machine can take longer than fabric8's 10 s default.
        config.setConnectionTimeout((int) LIMIT.toMillis());
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    static void stopApi() {
        client.close();
        api.close();
    }

    @AfterEach
    void stopSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /** A simulator of {@code count} nodes in two zones, sizes alternating small and large. */
    private NodeProfile start(int count, NodeSimulator.Options options) {
        NodeProfile profile = new NodeProfile("sim" + PREFIXES.incrementAndGet() + "-", List.of("zone-x", "zone-y"),
                List.of(SMALL, LARGE));
        simulator = new NodeSimulator(client, profile, options, Clock.systemUTC());
        simulator.start(count);
        return profile;
    }

    private static NodeSimulator.Options heartbeat(Duration every) {
        return new NodeSimulator.Options(every, Optional.empty(), 2, false);
    }

    @Test
    void registersTheProfilesNodesWithTheirLabelsCapacityAndLeases() {
        NodeProfile profile = start(3, NodeSimulator.Options.defaults());
        record Expected(String zone, NodeProfile.Size size) {
        }
        List<Expected> expected = List.of(new Expected("zone-x", SMALL), new Expected("zone-y", LARGE),
                new Expected("zone-x", SMALL));
        assertThat(simulator.nodeNames()).containsExactly(profile.name(0), profile.name(1), profile.name(2));
        for (int i = 0; i < expected.size(); i++) {
            String name = profile.name(i);
            Node node = client.nodes().withName(name).get();
            assertThat(node.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", name)
                    .containsEntry("topology.kubernetes.io/zone", expected.get(i).zone())
                    .containsEntry("node.kubernetes.io/instance-type", expected.get(i).size().instanceType())
                    .containsEntry(NodeSimulator.SIMULATED_LABEL, "true");
            assertThat(node.getStatus().getAllocatable()).containsEntry("cpu", new Quantity(expected.get(i).size().cpu()))
                    .containsEntry("memory", new Quantity(expected.get(i).size().memory()))
                    .containsEntry("pods", new Quantity(Integer.toString(expected.get(i).size().pods())));
            assertThat(ready(name)).isEqualTo("True");
            assertThat(lease(name).getSpec().getHolderIdentity()).isEqualTo(name);
        }
    }

    @Test
    void startingAgainKeepsTheNodesThatAreThere() {
        NodeProfile profile = start(2, NodeSimulator.Options.defaults());
        String uid = client.nodes().withName(profile.name(0)).get().getMetadata().getUid();
        simulator.close();
        simulator = new NodeSimulator(client, profile, NodeSimulator.Options.defaults(), Clock.systemUTC());
        simulator.start(2);
        assertThat(client.nodes().withName(profile.name(0)).get().getMetadata().getUid()).isEqualTo(uid);
    }

    @Test
    void renewsEachNodesLease() {
        NodeProfile profile = start(2, heartbeat(Duration.ofMillis(100)));
        for (int i = 0; i < 2; i++) {
            String name = profile.name(i);
            ZonedDateTime first = lease(name).getSpec().getRenewTime();
            await().atMost(LIMIT).until(() -> lease(name).getSpec().getRenewTime().isAfter(first));
        }
    }

    @Test
    void theLeaseLastsFourHeartbeatsAndEachRenewalIsCounted() {
        NodeProfile profile = start(3, heartbeat(Duration.ofSeconds(1)));
        assertThat(lease(profile.name(0)).getSpec().getLeaseDurationSeconds()).isEqualTo(4);
        await().atMost(LIMIT).until(() -> simulator.heartbeatStats().renewals() >= 6);
        assertThat(simulator.apiErrors()).isZero();
    }

    @Test
    void aLeaseChangedBySomeoneElseIsReadAgainAndStillRenewed() {
        NodeProfile profile = start(1, heartbeat(Duration.ofMillis(200)));
        String name = profile.name(0);
        await().atMost(LIMIT).until(() -> simulator.heartbeatStats().renewals() >= 1);
        // A write the simulator did not make (a merge patch: no resourceVersion, so it never conflicts with a renewal):
        // the simulator's cached Lease is now stale, so its next update conflicts.
        client.leases().inNamespace("kube-node-lease").withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}");
        ZonedDateTime touched = lease(name).getSpec().getRenewTime();
        await().atMost(LIMIT).until(() -> lease(name).getSpec().getRenewTime().isAfter(touched));
        assertThat(lease(name).getMetadata().getLabels()).containsEntry("touched", "yes");
        assertThat(simulator.apiErrors()).isZero();
    }

    @Test
    void theReadyConditionIsPostedAgainEveryStatusReport() {
        NodeProfile profile = start(1, new NodeSimulator.Options(Duration.ofSeconds(10), Optional.empty(), 2,
                Duration.ofMillis(300), false));
        String name = profile.name(0);
        NodeCondition first = readyCondition(name);
        await().atMost(LIMIT).until(() -> !readyCondition(name).getLastHeartbeatTime().equals(first.getLastHeartbeatTime()));
        NodeCondition later = readyCondition(name);
        assertThat(later.getStatus()).isEqualTo("True");
        assertThat(later.getLastTransitionTime()).isEqualTo(first.getLastTransitionTime());
    }

    @ParameterizedTest(name = "heartbeat {0} ms: Lease of {1} s")
    @CsvSource({"10000, 40", "1000, 4", "100, 1", "2600, 11"})
    void theLeaseDurationIsFourHeartbeatsInWholeSecondsAtLeastOne(long heartbeatMillis, int seconds) {
        assertThat(heartbeat(Duration.ofMillis(heartbeatMillis)).leaseDurationSeconds()).isEqualTo(seconds);
    }

    @Test
    void runsAPodBoundToOneOfItsNodesAndLeavesOthersAlone() throws InterruptedException {
        NodeProfile profile = start(1, NodeSimulator.Options.defaults());
        client.pods().inNamespace("default").resource(pod("runs", profile.name(0))).create();
        client.pods().inNamespace("default").resource(pod("elsewhere", "a-node-no-simulator-runs")).create();

        Pod running = await().atMost(LIMIT).until(() -> client.pods().inNamespace("default").withName("runs").get(),
                p -> "Running".equals(p.getStatus().getPhase()));
        assertThat(running.getStatus().getPodIP()).isNotBlank();
        assertThat(running.getStatus().getContainerStatuses()).singleElement()
                .satisfies(c -> assertThat(c.getReady()).isTrue());
        assertThat(running.getStatus().getConditions()).filteredOn(c -> "Ready".equals(c.getType()))
                .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
        assertThat(simulator.podsStarted()).isEqualTo(1);
        Thread.sleep(300);
        Pod other = client.pods().inNamespace("default").withName("elsewhere").get();
        assertThat(other.getStatus().getPhase()).isEqualTo("Pending");
    }

    @Test
    void aPodSucceedsAfterTheRunTime() {
        NodeProfile profile = start(1, new NodeSimulator.Options(Duration.ofSeconds(10),
                Optional.of(Duration.ofMillis(300)), 2, false));
        client.pods().inNamespace("default").resource(pod("finishes", profile.name(0))).create();
        Pod finished = await().atMost(LIMIT).until(() -> client.pods().inNamespace("default").withName("finishes").get(),
                p -> "Succeeded".equals(p.getStatus().getPhase()));
        assertThat(finished.getStatus().getContainerStatuses()).singleElement().satisfies(c -> {
            assertThat(c.getReady()).isFalse();
            assertThat(c.getState().getTerminated().getExitCode()).isZero();
        });
        assertThat(finished.getStatus().getConditions()).filteredOn(c -> "Ready".equals(c.getType()))
                .singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"));
    }

    @Test
    void aPodDeletedGracefullyIsRemovedByItsKubelet() {
        NodeProfile profile = start(1, NodeSimulator.Options.defaults());
        client.pods().inNamespace("default").resource(pod("leaves", profile.name(0))).create();
        await().atMost(LIMIT).until(() -> client.pods().inNamespace("default").withName("leaves").get(),
                p -> "Running".equals(p.getStatus().getPhase()));
        client.pods().inNamespace("default").withName("leaves").withGracePeriod(30).delete();
        await().atMost(LIMIT).until(() -> client.pods().inNamespace("default").withName("leaves").get() == null);
    }

    @Test
    void aFailedNodeTurnsNotReadyAndStopsRenewingItsLease() throws InterruptedException {
        NodeProfile profile = start(2, heartbeat(Duration.ofMillis(100)));
        String failed = profile.name(0);
        simulator.failNode(failed);

        assertThat(ready(failed)).isEqualTo("False");
        assertThat(ready(profile.name(1))).isEqualTo("True");
        assertThat(simulator.nodeNames()).containsExactly(profile.name(1));
        ZonedDateTime renewed = lease(failed).getSpec().getRenewTime();
        Thread.sleep(500);
        assertThat(lease(failed).getSpec().getRenewTime()).isEqualTo(renewed);
        assertThatThrownBy(() -> simulator.failNode(failed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(failed);
    }

    @Test
    void aDeletedNodeAndItsLeaseAreGone() {
        NodeProfile profile = start(2, NodeSimulator.Options.defaults());
        String deleted = profile.name(1);
        simulator.deleteNode(deleted);

        await().atMost(LIMIT).until(() -> client.nodes().withName(deleted).get() == null);
        assertThat(client.leases().inNamespace("kube-node-lease").withName(deleted).get()).isNull();
        assertThat(client.nodes().withName(profile.name(0)).get()).isNotNull();
        assertThat(simulator.nodeNames()).containsExactly(profile.name(0));
        assertThatThrownBy(() -> simulator.deleteNode("not-" + deleted)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-" + deleted);
    }

    @Test
    void writesEachNodesCpuUtilizationFromTheRequestsOfItsPods() {
        NodeProfile profile = start(2, new NodeSimulator.Options(Duration.ofMillis(100), Optional.empty(), 2, true));
        String small = profile.name(0);
        String large = profile.name(1);
        client.pods().inNamespace("default").resource(new PodBuilder(pod("uses-half-a-core", small)).editSpec().editFirstContainer()
                .withNewResources().addToRequests("cpu", new Quantity("500m")).endResources().endContainer().endSpec().build()).create();

        // The small node has 2 CPUs: 500m is 25 %; the large node runs nothing. One heartbeat writes them in turn.
        await().atMost(LIMIT).untilAsserted(() -> {
            assertThat(annotations(small)).containsEntry(AnnotationMetricsSource.CPU_UTILIZATION, "25.0");
            assertThat(annotations(large)).containsEntry(AnnotationMetricsSource.CPU_UTILIZATION, "0.0");
        });
        Instant measuredAt = Instant.parse(annotations(small).get(AnnotationMetricsSource.CPU_UTILIZATION_TIMESTAMP));
        assertThat(measuredAt).isBetween(Instant.now().minus(LIMIT), Instant.now().plusSeconds(1));
    }

    private static Map<String, String> annotations(String node) {
        Map<String, String> annotations = client.nodes().withName(node).get().getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private static String ready(String node) {
        return readyCondition(node).getStatus();
    }

    private static NodeCondition readyCondition(String node) {
        return client.nodes().withName(node).get().getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
    }

    private static Lease lease(String node) {
        return client.leases().inNamespace("kube-node-lease").withName(node).get();
    }

    private static Pod pod(String name, String node) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(Map.of("test", "node-simulator"))
                .endMetadata().withNewSpec().withNodeName(node).addNewContainer().withName("c")
                .withImage("registry.k8s.io/pause:3.10").endContainer().endSpec().build();
    }
}
