package dev.berth.testclusters;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every end-to-end test class shares: the selected target's cluster, and a namespace of its own per test that is
 * cleaned up afterwards. A class that needs more of the cluster says so in {@link #requirements}.
 */
@ExtendWith(ClusterTargetExtension.class)
abstract class EndToEndTest {
    protected KubernetesClient client;
    protected TestNamespace namespace;

    @BeforeEach
    void connect(RunningCluster cluster) {
        requirements(cluster);
        client = cluster.client();
        namespace = TestNamespace.create(client, getClass().getSimpleName().toLowerCase(Locale.ROOT));
    }

    /** Assumptions the test class makes about the cluster (skipping its tests where they fail); none by default. */
    void requirements(RunningCluster cluster) {
    }

    @AfterEach
    void clean() {
        if (namespace != null) {
            namespace.close();
        }
    }
}
