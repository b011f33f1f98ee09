package dev.berth.testclusters;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A cluster that is already there, named by a kubeconfig ({@code -Dberth.kubeconfig} or {@code KUBECONFIG}). Berth is
 * expected to be deployed on it already; with {@code deploy} the suite applies {@code deploy/} first (the image
 * {@code berth:dev} must then be pullable by its nodes). Nothing is torn down afterwards.
 *
 * @param kubeconfig the kubeconfig, or null when none was given
 * @param deploy     whether to apply {@code deploy/} and wait for the Deployment first
 * @param repository the repository root (for {@code deploy/} and the scripts)
 * @param runner     runs the deploy script
 */
public record ExistingTarget(Path kubeconfig, boolean deploy, Path repository, CommandRunner runner)
        implements ClusterTarget {
    private static final Duration DEPLOY_LIMIT = Duration.ofMinutes(6);

    @Override
    public String name() {
        return "existing";
    }

    @Override
    public Optional<String> unavailableReason() {
        return kubeconfig == null
                ? Optional.of("existing target unavailable: neither KUBECONFIG nor -Dberth.kubeconfig is set")
                : Optional.empty();
    }

    @Override
    public RunningCluster start() throws Exception {
        if (!Files.isReadable(kubeconfig)) {
            throw new IllegalStateException("existing target: kubeconfig " + kubeconfig + " cannot be read");
        }
        if (deploy) {
            new ClusterScripts(repository, runner).run("deploy-berth.sh", DEPLOY_LIMIT, kubeconfig.toString());
        }
        KubernetesClient client = RunningCluster.clientFor(kubeconfig);
        return new RunningCluster(name(), client, kubeconfig, false,
                BerthProfile.parse(BerthProfile.deployedConfiguration(client)), () -> { });
    }
}
