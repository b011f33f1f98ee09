package dev.berth.testkit;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node in one line: {@code TestNode.named("n1").cpu("4").memory("8Gi").label("zone", "a").build()}. Without
 * capacity calls the node has 4 CPUs, 16Gi of memory and room for 110 pods, so it fits ordinary test pods.
 */
public final class TestNode extends ObjectBuilder<TestNode> {

    private final Map<String, Quantity> allocatable = new LinkedHashMap<>(Map.of(
            "cpu", new Quantity("4"), "memory", new Quantity("16Gi"), "pods", new Quantity("110")));
    private final List<Taint> taints = new ArrayList<>();
    private boolean unschedulable;

    private TestNode(String name) {
        super(name);
        labels.put("kubernetes.io/hostname", name);
    }

    @Override
    protected TestNode self() {
        return this;
    }

    public static TestNode named(String name) {
        return new TestNode(name);
    }

    public TestNode cpu(String quantity) {
        return resource("cpu", quantity);
    }

    public TestNode memory(String quantity) {
        return resource("memory", quantity);
    }

    public TestNode pods(int count) {
        return resource("pods", Integer.toString(count));
    }

    /** Capacity and allocatable of any resource, e.g. {@code resource("nvidia.com/gpu", "2")}. */
    public TestNode resource(String resource, String quantity) {
        allocatable.put(resource, new Quantity(quantity));
        return this;
    }

    /** A taint, e.g. {@code taint("dedicated", "gpu", "NoSchedule")}. */
    public TestNode taint(String key, String value, String effect) {
        taints.add(new Taint(effect, key, null, value));
        return this;
    }

    public TestNode unschedulable() {
        unschedulable = true;
        return this;
    }

    public Node build() {
        return new NodeBuilder()
                .withNewMetadata().withName(name).withLabels(new LinkedHashMap<>(labels))
                .withAnnotations(new LinkedHashMap<>(annotations)).endMetadata()
                .withNewSpec().withTaints(new ArrayList<>(taints)).withUnschedulable(unschedulable ? Boolean.TRUE : null).endSpec()
                .withNewStatus().withCapacity(new LinkedHashMap<>(allocatable)).withAllocatable(new LinkedHashMap<>(allocatable))
                .endStatus()
                .build();
    }
}
