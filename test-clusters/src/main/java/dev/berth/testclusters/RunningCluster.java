package dev.berth.testclusters;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cluster the suite can use: a client, the kubeconfig it came from (for kubectl), and how to take the cluster down
 * again. Closing it closes the client first, then tears the cluster down.
 *
 * @param target     the target's name, for messages
 * @param client     a client with the rights of a cluster admin
 * @param kubeconfig the kubeconfig {@code client} was built from
 * @param disposable whether the suite made this cluster and may break parts of it for good (delete a node)
 * @param profile    the profile Berth schedules {@code schedulerName: berth} pods with there
 * @param teardown   stops what the target started (nothing for an existing cluster)
 */
public record RunningCluster(String target, KubernetesClient client, Path kubeconfig, boolean disposable,
                             BerthProfile profile, AutoCloseable teardown)
        implements AutoCloseable {
    /** A client for the cluster a kubeconfig file names. */
    static KubernetesClient clientFor(Path kubeconfig) throws IOException {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    }

    @Override
    public void close() throws Exception {
        try {
            client.close();
        } finally {
            teardown.close();
        }
    }
}
