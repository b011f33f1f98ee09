package dev.berth.testkit;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod in one line: {@code TestPod.named("web").cpu("500m").label("app", "web").build()}: one container
 * ({@code app}, image {@code registry.k8s.io/pause:3.10}) with the given requests, in namespace {@code default}.
 */
public final class TestPod extends ObjectBuilder<TestPod> {

    private String namespace = "default";
    private final Map<String, Quantity> requests = new LinkedHashMap<>();
    private final List<Toleration> tolerations = new ArrayList<>();
    private String image = "registry.k8s.io/pause:3.10";
    private String nodeName;
    private String schedulerName;
    private Integer priority;

    private TestPod(String name) {
        super(name);
    }

    @Override
    protected TestPod self() {
        return this;
    }

    public static TestPod named(String name) {
        return new TestPod(name);
    }

    public TestPod namespace(String namespaceName) {
        this.namespace = namespaceName;
        return this;
    }

    public TestPod cpu(String quantity) {
        return request("cpu", quantity);
    }

    public TestPod memory(String quantity) {
        return request("memory", quantity);
    }

    /** A request of any resource of the container. */
    public TestPod request(String resource, String quantity) {
        requests.put(resource, new Quantity(quantity));
        return this;
    }

    public TestPod image(String containerImage) {
        this.image = containerImage;
        return this;
    }

    /** Tolerates a taint with this key and value (operator Equal, any effect). */
    public TestPod toleration(String key, String value) {
        tolerations.add(new Toleration(null, key, "Equal", null, value));
        return this;
    }

    /** Already running on {@code node}: a scenario does not schedule it, it only takes room. */
    public TestPod runningOn(String node) {
        this.nodeName = node;
        return this;
    }

    /** The profile that schedules it (default: {@code default-scheduler}). */
    public TestPod schedulerName(String profile) {
        this.schedulerName = profile;
        return this;
    }

    public TestPod priority(int value) {
        this.priority = value;
        return this;
    }

    public Pod build() {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(new LinkedHashMap<>(labels))
                .withAnnotations(new LinkedHashMap<>(annotations)).endMetadata()
                .withNewSpec()
                .withContainers(new ContainerBuilder().withName("app").withImage(image)
                        .withNewResources().withRequests(new LinkedHashMap<>(requests)).endResources().build())
                .withTolerations(new ArrayList<>(tolerations))
                .withNodeName(nodeName).withSchedulerName(schedulerName).withPriority(priority)
                .endSpec()
                .build();
    }
}
