package dev.berth.app.simulate;

import dev.berth.app.CommandOutput;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.simulate.Outcome;
import dev.berth.framework.simulate.PodResult;
import dev.berth.framework.simulate.Scenario;
import dev.berth.framework.simulate.ScenarioReader;
import dev.berth.framework.simulate.Simulator;
import dev.berth.plugins.DefaultPlugins;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine with the default plugin set, on objects built in code or read from a scenario file. */
class SimulatorDefaultPluginsTest {

    private static final PluginRegistry REGISTRY = DefaultPlugins.registry(SimulatorDefaultPluginsTest.class.getClassLoader());
    private static final Simulator SIMULATOR = new Simulator(
            new SchedulerConfigLoader(REGISTRY.names(), DefaultPlugins.multiPoint()).defaults(), REGISTRY);

    private static Node node(String name, String cpu) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("4Gi"),
                        "pods", new Quantity("10"))).endStatus().build();
    }

    private static PodBuilder pod(String name, String cpu, int priority) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withPriority(priority).addNewContainer().withName("c").withImage("i")
                .withNewResources().addToRequests("cpu", new Quantity(cpu)).endResources().endContainer().endSpec();
    }

    private static List<PodResult> run(HasMetadata... objects) {
        return SIMULATOR.run(List.of(objects)).results();
    }

    @Test
    void preemptionPolicyNeverKeepsThePodPendingWithPreemptionsReason() {
        Pod running = pod("batch", "2", 1).editSpec().withNodeName("node-a").endSpec().build();
        Pod polite = pod("polite", "2", 100).editSpec().withPreemptionPolicy("Never").endSpec().build();

        PodResult r = run(node("node-a", "2"), running, polite).get(0);

        assertThat(r.status()).isEqualTo(Outcome.UNSCHEDULABLE);
        assertThat(r.nominatedNode()).isNull();
        assertThat(r.victims()).isEmpty();
        assertThat(r.message()).startsWith("0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never");
    }

    @Test
    void victimsLeaveTheClusterAndThePreemptorHoldsTheNode() {
        Pod running = pod("batch", "2", 1).editSpec().withNodeName("node-a").endSpec().build();

        List<PodResult> results = run(node("node-a", "2"), running, pod("urgent", "2", 100).build(),
                pod("batch-again", "1", 1).build());

        assertThat(results.get(0).victims()).containsExactly("default/batch");
        assertThat(results.get(0).node()).isEqualTo("node-a");
        // The node is full with the preemptor now; the lower-priority pod may not evict it.
        assertThat(results.get(1).status()).isEqualTo(Outcome.UNSCHEDULABLE);
        assertThat(results.get(1).filter().get("node-a")).containsEntry("NodeResourcesFit", "Insufficient cpu");
    }

    @Test
    void volumeBindingPicksTheNodeWithTheVolumeAndBindsTheClaim() throws IOException {
        Path file = CommandOutput.scenario("volume-binding.yaml");
        Scenario scenario = new ScenarioReader(file.toString(), Map.of()).read(Files.readString(file));

        List<PodResult> results = SIMULATOR.run(scenario.objects()).results();

        PodResult db = results.get(0);
        assertThat(db.status()).as(db.message()).isEqualTo(Outcome.SCHEDULED);
        assertThat(db.node()).isEqualTo("node-b");
        assertThat(db.filter().get("node-a").get("VolumeBinding")).contains("didn't find available persistent volumes to bind");
        // PreBind bound the claim to pv-b, so for the next pod using it VolumeBinding's PreFilter narrows
        // the nodes to the bound volume's: node-a is not even filtered.
        PodResult second = results.get(1);
        assertThat(second.node()).isEqualTo("node-b");
        assertThat(second.filter()).containsOnlyKeys("node-b");
    }
}
