package dev.berth.plugins.testing;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fluent pod builder for plugin tests, in the spirit of upstream's {@code st.MakePod()}: short
 * calls for the fields scheduling cares about; anything else via {@link #edit}.
 */
public final class MakePod {

    private final PodBuilder b = new PodBuilder();
    private final List<Container> containers = new ArrayList<>();
    private final List<Container> initContainers = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();

    private MakePod() {
        b.withNewMetadata().withNamespace("default").withUid(UUID.randomUUID().toString()).endMetadata().withNewSpec().endSpec();
    }

    public static MakePod pod(String name) {
        MakePod m = new MakePod();
        m.b.editMetadata().withName(name).endMetadata();
        return m;
    }

    public MakePod namespace(String ns) {
        b.editMetadata().withNamespace(ns).endMetadata();
        return this;
    }

    public MakePod uid(String uid) {
        b.editMetadata().withUid(uid).endMetadata();
        return this;
    }

    public MakePod label(String k, String v) {
        labels.put(k, v);
        return this;
    }

    public MakePod node(String nodeName) {
        b.editSpec().withNodeName(nodeName).endSpec();
        return this;
    }

    public MakePod schedulerName(String name) {
        b.editSpec().withSchedulerName(name).endSpec();
        return this;
    }

    public MakePod priority(int p) {
        b.editSpec().withPriority(p).endSpec();
        return this;
    }

    /** Adds a container requesting {@code requests} (e.g. {@code Map.of("cpu", "1", "memory", "2Gi")}). */
    public MakePod container(Map<String, String> requests) {
        containers.add(container("c" + containers.size(), requests, null));
        return this;
    }

    /** Adds a plain (non-restartable) init container. */
    public MakePod initContainer(Map<String, String> requests) {
        initContainers.add(container("i" + initContainers.size(), requests, null));
        return this;
    }

    /** Adds a restartable (sidecar) init container. */
    public MakePod sidecar(Map<String, String> requests) {
        initContainers.add(container("s" + initContainers.size(), requests, "Always"));
        return this;
    }

    public MakePod overhead(Map<String, String> overhead) {
        b.editSpec().withOverhead(quantities(overhead)).endSpec();
        return this;
    }

    /** Adds a container exposing {@code hostPort} ({@code protocol} "TCP"/"UDP", {@code hostIP} may be empty). */
    public MakePod hostPort(String hostIP, String protocol, int hostPort) {
        containers.add(new ContainerBuilder().withName("p" + containers.size()).withImage("pause")
                .withPorts(new ContainerPortBuilder().withHostIP(hostIP).withProtocol(protocol).withHostPort(hostPort)
                        .withContainerPort(hostPort).build()).build());
        return this;
    }

    /** Adds a container running {@code image}. */
    public MakePod image(String image) {
        containers.add(new ContainerBuilder().withName("img" + containers.size()).withImage(image).build());
        return this;
    }

    public MakePod nodeSelector(Map<String, String> selector) {
        b.editSpec().withNodeSelector(selector).endSpec();
        return this;
    }

    public MakePod affinity(Affinity affinity) {
        b.editSpec().withAffinity(affinity).endSpec();
        return this;
    }

    public MakePod toleration(Toleration t) {
        b.editSpec().addToTolerations(t).endSpec();
        return this;
    }

    public MakePod spreadConstraint(TopologySpreadConstraint c) {
        b.editSpec().addToTopologySpreadConstraints(c).endSpec();
        return this;
    }

    public MakePod volume(Volume v) {
        b.editSpec().addToVolumes(v).endSpec();
        return this;
    }

    /** Gives direct access for anything this builder has no method for. */
    public MakePod edit(java.util.function.Consumer<PodBuilder> edit) {
        edit.accept(b);
        return this;
    }

    public Pod build() {
        b.editMetadata().withLabels(labels.isEmpty() ? null : new HashMap<>(labels)).endMetadata();
        b.editSpec().withContainers(containers.isEmpty() ? List.of(new ContainerBuilder().withName("c").withImage("pause").build()) : containers)
                .withInitContainers(initContainers).endSpec();
        return b.build();
    }

    private static Container container(String name, Map<String, String> requests, String restartPolicy) {
        return new ContainerBuilder().withName(name).withImage("pause").withRestartPolicy(restartPolicy)
                .withNewResources().withRequests(quantities(requests)).endResources().build();
    }

    static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new Quantity(v)));
        return out;
    }
}
