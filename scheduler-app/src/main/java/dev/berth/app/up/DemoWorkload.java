package dev.berth.app.up;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code berth up --demo}: applies the demo workload (resource {@code demo/demo.yaml}: pods spread over zones, an
 * anti-affinity group, a preemption, a pod too big for any node, a gang), following it with a progress line until it
 * settles, and then prints where everything went.
 */
final class DemoWorkload {
    static final String NAMESPACE = "demo";
    /** How many copies of each template pod the demo creates (the others are created once). */
    private static final Map<String, Integer> REPLICAS = Map.of("web", 12, "cache", 4, "gang", 3);
    private static final int STABLE_POLLS = 8;
    private static final String PREEMPTOR = "urgent";
    private static final String VICTIM = "batch";

    private final KubernetesClient client;
    private final PrintStream progress;

    DemoWorkload(KubernetesClient client, PrintStream progress) {
        this.client = client;
        this.progress = progress;
    }

    /**
     * Applies the demo and waits until it settles (every pod bound or found unschedulable, the preemption done) or
     * {@code timeout} passes; returns the final view.
     */
    DemoSummary run(Duration timeout) throws InterruptedException {
        List<HasMetadata> objects = load();
        // On a second run in the same data dir the preemption is history: recreating its victim would leave it
        // pending behind the preemptor.
        boolean preempted = client.pods().inNamespace(NAMESPACE).withName(PREEMPTOR).get() != null;
        Pod preemptor = null;
        for (HasMetadata object : objects) {
            if (object instanceof Pod pod) {
                String name = pod.getMetadata().getName();
                if (PREEMPTOR.equals(name) || preempted && VICTIM.equals(name)) {
                    preemptor = PREEMPTOR.equals(name) ? pod : preemptor;
                    continue;
                }
                for (Pod copy : copies(pod)) {
                    createIfAbsent(copy);
                }
            } else {
                createIfAbsent(object);
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        // The preemptor comes once the pod it must displace runs, so that the demo shows a preemption.
        if (!preempted) {
            awaitBound(VICTIM, deadline);
        }
        if (preemptor != null) {
            createIfAbsent(preemptor);
        }
        DemoSummary summary = DemoSummary.of(client, NAMESPACE);
        int unchanged = 0;
        // Settled and unchanged for a few seconds: a pod found unschedulable is retried after its backoff (1 s at
        // first), and a preemption's victims take a moment to leave.
        while (System.nanoTime() < deadline && !(summary.settled() && unchanged >= STABLE_POLLS)) {
            progress.print("\r" + summary.progressLine());
            progress.flush();
            Thread.sleep(500);
            DemoSummary next = DemoSummary.of(client, NAMESPACE);
            unchanged = next.equals(summary) ? unchanged + 1 : 0;
            summary = next;
        }
        progress.println("\r" + summary.progressLine());
        return summary;
    }

    private void awaitBound(String pod, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            Pod current = client.pods().inNamespace(NAMESPACE).withName(pod).get();
            if (current == null || current.getSpec().getNodeName() != null) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static List<Pod> copies(Pod template) {
        int replicas = REPLICAS.getOrDefault(template.getMetadata().getName(), 1);
        if (replicas == 1) {
            return List.of(template);
        }
        List<Pod> copies = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            copies.add(new PodBuilder(template).editMetadata()
                    .withName(String.format("%s-%02d", template.getMetadata().getName(), i)).endMetadata().build());
        }
        return copies;
    }

    private void createIfAbsent(HasMetadata object) {
        try {
            client.resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    private List<HasMetadata> load() {
        try (InputStream in = DemoWorkload.class.getResourceAsStream("/demo/demo.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the demo workload demo/demo.yaml is missing from the berth jar");
            }
            return client.load(in).items();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
