package dev.berth.plugins.testing;

import io.fabric8.kubernetes.api.model.ContainerImageBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fluent node builder for plugin tests, in the spirit of upstream's {@code st.MakeNode()}. */
public final class MakeNode {

    private final String name;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<Taint> taints = new ArrayList<>();
    private Map<String, String> capacity = Map.of();
    private boolean unschedulable;
    private final NodeBuilder b = new NodeBuilder();

    private MakeNode(String name) {
        this.name = name;
        labels.put("kubernetes.io/hostname", name);
    }

    public static MakeNode node(String name) {
        return new MakeNode(name);
    }

    public MakeNode label(String k, String v) {
        labels.put(k, v);
        return this;
    }

    /** Sets capacity and allocatable (e.g. {@code Map.of("cpu", "4", "memory", "8Gi", "pods", "110")}). */
    public MakeNode capacity(Map<String, String> resources) {
        this.capacity = resources;
        return this;
    }

    public MakeNode taint(String key, String value, String effect) {
        taints.add(new Taint(effect, key, null, value));
        return this;
    }

    public MakeNode unschedulable() {
        this.unschedulable = true;
        return this;
    }

    /** Adds an image of {@code sizeBytes} known by {@code names}. */
    public MakeNode image(long sizeBytes, String... names) {
        b.editOrNewStatus().addToImages(new ContainerImageBuilder().withNames(names).withSizeBytes(sizeBytes).build()).endStatus();
        return this;
    }

    public Node build() {
        return b.withNewMetadata().withName(name).withLabels(new LinkedHashMap<>(labels)).endMetadata()
                .withNewSpec().withTaints(taints).withUnschedulable(unschedulable ? Boolean.TRUE : null).endSpec()
                .editOrNewStatus().withCapacity(MakePod.quantities(capacity)).withAllocatable(MakePod.quantities(capacity)).endStatus()
                .build();
    }
}
