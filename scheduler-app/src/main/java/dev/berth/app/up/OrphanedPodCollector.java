package dev.berth.app.up;

import dev.berth.store.DaemonThreads;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of kube-controller-manager's pod GC that {@code berth up} needs, as it runs no controller manager: when a
 * Node is deleted, the pods bound to it are force-deleted, so that no pod stays bound to a node that is gone. A pod
 * bound in the moment the node went away is caught by a second pass a few seconds later (upstream sweeps
 * periodically instead).
 */
final class OrphanedPodCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanedPodCollector.class);
    private static final long SECOND_PASS_SECONDS = 5;

    private final KubernetesClient client;
    private final ScheduledExecutorService worker;
    private final SharedIndexInformer<Node> nodes;

    private OrphanedPodCollector(KubernetesClient client) {
        this.client = client;
        this.worker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("berth-pod-gc"));
        this.nodes = client.nodes().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
            }

            @Override
            public void onDelete(Node node, boolean deletedFinalStateUnknown) {
                String name = node.getMetadata().getName();
                worker.execute(() -> collect(name));
                worker.schedule(() -> collect(name), SECOND_PASS_SECONDS, TimeUnit.SECONDS);
            }
        }, 0);
    }

    static OrphanedPodCollector start(KubernetesClient client) {
        return new OrphanedPodCollector(client);
    }

    private void collect(String node) {
        if (nodes.getStore().getByKey(node) != null) {
            return;
        }
        try {
            for (Pod pod : client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems()) {
                LOG.debug("node {} is gone: deleting its pod {}/{}", node, pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName());
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .withGracePeriod(0).delete();
            }
        } catch (KubernetesClientException e) {
            LOG.warn("deleting the pods of deleted node {} failed: {}", node, e.getMessage());
        }
    }

    @Override
    public void close() {
        nodes.stop();
        worker.shutdownNow();
    }
}
