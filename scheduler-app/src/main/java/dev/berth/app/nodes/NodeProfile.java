package dev.berth.app.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What simulated nodes look like: spread over {@code zones} round-robin, sizes cycling through {@code sizes}, with
 * the labels kube-scheduler's plugins read (hostname, zone, region, instance type, os, arch).
 *
 * @param namePrefix node names are this plus a zero-padded number
 * @param zones      zone names ({@code topology.kubernetes.io/zone})
 * @param sizes      machine sizes, assigned in turn
 */
public record NodeProfile(String namePrefix, List<String> zones, List<Size> sizes) implements NodeSource {

    /** One machine size. */
    public record Size(String instanceType, String cpu, String memory, int pods) {
    }

    /** Three zones and small, medium and large machines: what {@code berth up} simulates by default. */
    public static NodeProfile mixed() {
        return new NodeProfile("node-", List.of("zone-a", "zone-b", "zone-c"), List.of(
                new Size("berth.small", "4", "16Gi", 110),
                new Size("berth.medium", "8", "32Gi", 110),
                new Size("berth.large", "16", "64Gi", 110)));
    }

    @Override
    public String name(int index) {
        return String.format("%s%04d", namePrefix, index);
    }

    /** The {@code index}th node, Ready, as its kubelet would register it. */
    @Override
    public Node node(int index, Instant now) {
        String name = name(index);
        Size size = sizes.get(index % sizes.size());
        String zone = zones.get(index % zones.size());
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity(size.cpu()), "memory", new Quantity(size.memory()),
                "pods", new Quantity(Integer.toString(size.pods())), "ephemeral-storage", new Quantity("100Gi"));
        return new NodeBuilder()
                .withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", name)
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64")
                .addToLabels("topology.kubernetes.io/zone", zone)
                .addToLabels("topology.kubernetes.io/region", "berth")
                .addToLabels("node.kubernetes.io/instance-type", size.instanceType())
                .addToLabels(NodeSimulator.SIMULATED_LABEL, "true")
                .endMetadata()
                .withNewStatus()
                .withCapacity(capacity).withAllocatable(capacity)
                .withConditions(new NodeConditionBuilder().withType("Ready").withStatus("True")
                        .withReason("KubeletReady").withMessage("kubelet is posting ready status (simulated by berth)")
                        .withLastHeartbeatTime(now.toString()).withLastTransitionTime(now.toString()).build())
                .withNewNodeInfo().withKubeletVersion("v1.32.0-berth").withOperatingSystem("linux")
                .withArchitecture("amd64").withContainerRuntimeVersion("berth://simulated")
                .withOsImage("Berth simulated node").withKernelVersion("simulated").endNodeInfo()
                .endStatus()
                .build();
    }
}
