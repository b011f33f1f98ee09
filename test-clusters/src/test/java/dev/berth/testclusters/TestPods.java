package dev.berth.testclusters;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Pods the suite creates (a pause container with a CPU request) and what it waits for on them. */
final class TestPods {
    static final String BERTH = "berth";
    static final Duration BIND_LIMIT = Duration.ofSeconds(60);

    private TestPods() {
    }

    /** A pod for {@code schedulerName} asking for {@code cpuMillis} of CPU. */
    static PodBuilder pod(String name, String schedulerName, long cpuMillis) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app.kubernetes.io/part-of", "berth-e2e")
                .endMetadata().withNewSpec().withSchedulerName(schedulerName).withTerminationGracePeriodSeconds(0L)
                .addNewContainer().withName("pause").withImage("registry.k8s.io/pause:3.10")
                .withNewResources().addToRequests("cpu", new Quantity(cpuMillis + "m")).endResources()
                .endContainer().endSpec();
    }

    static Pod create(KubernetesClient client, String namespace, PodBuilder pod) {
        return client.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    static Optional<Pod> get(KubernetesClient client, String namespace, String name) {
        return Optional.ofNullable(client.pods().inNamespace(namespace).withName(name).get());
    }

    static Optional<PodCondition> podScheduled(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getConditions() == null ? Optional.empty()
                : pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst();
    }

    /** Waits until every named pod is bound, and returns them. */
    static List<Pod> awaitBound(KubernetesClient client, String namespace, List<String> names) {
        await().atMost(BIND_LIMIT).pollInterval(Duration.ofMillis(250)).until(() -> names.stream()
                .allMatch(n -> get(client, namespace, n).map(p -> p.getSpec().getNodeName() != null).orElse(false)));
        return names.stream().map(n -> get(client, namespace, n).orElseThrow()).toList();
    }

    /** Waits until the scheduler marked the pod PodScheduled=False, and returns that condition. */
    static PodCondition awaitUnschedulable(KubernetesClient client, String namespace, String name) {
        return await().atMost(BIND_LIMIT).pollInterval(Duration.ofMillis(250))
                .until(() -> get(client, namespace, name).flatMap(TestPods::podScheduled)
                        .filter(c -> "False".equals(c.getStatus())), Optional::isPresent).orElseThrow();
    }
}
