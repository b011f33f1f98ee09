package dev.berth.testclusters;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.UUID;

/**
 * A namespace of its own for one test, so tests on a shared cluster never see each other's pods. Closing it deletes
 * its pods at once (there is no kubelet to wait for on the embedded cluster, and the next test wants the room) and
 * then the namespace.
 */
final class TestNamespace implements AutoCloseable {
    private final KubernetesClient client;
    private final String name;

    private TestNamespace(KubernetesClient client, String name) {
        this.client = client;
        this.name = name;
    }

    static TestNamespace create(KubernetesClient client, String purpose) {
        String name = purpose + "-" + UUID.randomUUID().toString().substring(0, 6);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return new TestNamespace(client, name);
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        client.pods().inNamespace(name).withGracePeriod(0).delete();
        client.namespaces().withName(name).delete();
    }
}
