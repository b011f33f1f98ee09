package dev.berth.plugins.noderesources;

import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Upstream's noderesources test fixtures: pods whose containers are exactly the given requests (no
 * implicit container, unlike MakePod), nodes whose capacity includes 32 pods like {@code st.MakeNode}.
 */
final class Fixtures {

    static final String EXTENDED_A = "example.com/aaa";
    static final String EXTENDED_B = "example.com/bbb";
    static final String KUBERNETES_IO_B = "subdomain.kubernetes.io/something";
    static final String HUGE_PAGE_A = "hugepages-2Mi";
    static final String EXTENDED_RES = "abc.com/xyz";

    private Fixtures() {
    }

    /** Upstream's {@code framework.Resource} literal as used by {@code newResourcePod}. */
    record Usage(long milliCpu, long memory, long ephemeralStorage, Map<String, Long> scalars) {

        static Usage of(long milliCpu, long memory) {
            return new Usage(milliCpu, memory, 0, Map.of());
        }

        static Usage scalar(long milliCpu, long memory, String name, long quantity) {
            return new Usage(milliCpu, memory, 0, Map.of(name, quantity));
        }

        static Usage storage(long ephemeralStorage) {
            return new Usage(0, 0, ephemeralStorage, Map.of());
        }

        Map<String, String> requests() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("cpu", milliCpu + "m");
            m.put("memory", String.valueOf(memory));
            m.put("pods", "0");
            m.put("ephemeral-storage", String.valueOf(ephemeralStorage));
            scalars.forEach((k, v) -> m.put(k, String.valueOf(v)));
            return m;
        }
    }

    /** Upstream's {@code newResourcePod}: one container per usage, requesting exactly it. */
    static Pod resourcePod(Usage... usages) {
        return pod(null, Arrays.stream(usages).map(Usage::requests).toList(), List.of(), null);
    }

    /** Upstream's {@code newResourceInitPod}: the same pod with plain init containers of the given usages. */
    static Pod withInitContainers(Pod pod, Usage... usages) {
        List<Container> init = new ArrayList<>();
        for (Usage u : usages) {
            init.add(container("init" + init.size(), u.requests(), null));
        }
        return new PodBuilder(pod).editSpec().withInitContainers(init).endSpec().build();
    }

    static Pod withOverhead(Pod pod, Map<String, String> overhead) {
        return new PodBuilder(pod).editSpec().withOverhead(quantities(overhead)).endSpec().build();
    }

    /** Upstream's {@code st.MakePod().Req(...)...}: one container per request map, optionally on a node. */
    @SafeVarargs
    static Pod reqPod(String nodeName, Map<String, String>... containerRequests) {
        return pod(nodeName, List.of(containerRequests), List.of(), null);
    }

    /** A pod with containers and restartable (sidecar) init containers. */
    static Pod pod(String nodeName, List<Map<String, String>> containers, List<Map<String, String>> sidecars, String uid) {
        List<Container> cs = new ArrayList<>();
        for (Map<String, String> r : containers) {
            cs.add(container("c" + cs.size(), r, null));
        }
        List<Container> init = new ArrayList<>();
        for (Map<String, String> r : sidecars) {
            init.add(container("s" + init.size(), r, "Always"));
        }
        return new PodBuilder().withNewMetadata().withName("p-" + UUID.randomUUID()).withNamespace("default")
                .withUid(uid == null ? UUID.randomUUID().toString() : uid).endMetadata()
                .withNewSpec().withNodeName(nodeName).withContainers(cs).withInitContainers(init).endSpec().build();
    }

    static Container container(String name, Map<String, String> requests, String restartPolicy) {
        ContainerBuilder b = new ContainerBuilder().withName(name).withImage("pause").withRestartPolicy(restartPolicy);
        if (requests != null) {
            b.withNewResources().withRequests(quantities(requests)).endResources();
        }
        return b.build();
    }

    /** Upstream's {@code st.MakeNode().Name(name).Capacity(...)}: capacity and allocatable, 32 pods unless given. */
    static Node node(String name, Map<String, String> capacity) {
        Map<String, String> withPods = new LinkedHashMap<>();
        withPods.put("pods", "32");
        withPods.putAll(capacity);
        return nodeExactly(name, withPods);
    }

    /** A node whose allocatable is exactly {@code allocatable}. */
    static Node nodeExactly(String name, Map<String, String> allocatable) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withCapacity(quantities(allocatable)).withAllocatable(quantities(allocatable)).endStatus().build();
    }

    /** Upstream's {@code makeAllocatableResources(milliCPU, memory, pods, extendedA, storage, hugePageA)}. */
    static Node allocatableNode(long milliCpu, long memory, long pods, long extendedA, long storage, long hugePageA) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu", milliCpu + "m");
        m.put("memory", String.valueOf(memory));
        m.put("pods", String.valueOf(pods));
        m.put(EXTENDED_A, String.valueOf(extendedA));
        m.put("ephemeral-storage", String.valueOf(storage));
        m.put(HUGE_PAGE_A, String.valueOf(hugePageA));
        return nodeExactly("node", m);
    }

    /** A NodeInfo of {@code node} with the pods of {@code pods} bound to it. */
    static NodeInfo nodeInfo(Node node, List<Pod> pods) {
        NodeInfo ni = NodeInfo.of(node);
        for (Pod p : pods) {
            if (node.getMetadata().getName().equals(p.getSpec().getNodeName())) {
                ni.addPod(PodInfo.of(p));
            }
        }
        return ni;
    }

    /** A NodeInfo of {@code node} with {@code pods} on it regardless of their node name. */
    static NodeInfo nodeInfoWith(Node node, Pod... pods) {
        NodeInfo ni = NodeInfo.of(node);
        for (Pod p : pods) {
            ni.addPod(PodInfo.of(p));
        }
        return ni;
    }

    static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, new Quantity(v)));
        return out;
    }
}
