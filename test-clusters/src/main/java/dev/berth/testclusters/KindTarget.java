package dev.berth.testclusters;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A kind cluster (one control plane, three workers: {@code test-clusters/kind/cluster.yaml}) with the Berth image
 * loaded from an archive and {@code deploy/} applied, deleted again afterwards. The steps are the scripts in
 * {@code test-clusters/kind/}, so a human can run them by hand.
 *
 * @param repository   the repository root
 * @param clusterName  kind's name for the cluster
 * @param workDir      where the kubeconfig is written
 * @param prerequisites what tells whether kind and Docker are here
 * @param runner       runs the scripts
 */
public record KindTarget(Path repository, String clusterName, Path workDir, KindPrerequisites prerequisites,
                         CommandRunner runner) implements ClusterTarget {
    /** Creating a cluster pulls node images the first time; building and loading the image takes a while too. */
    private static final Duration CREATE_LIMIT = Duration.ofMinutes(20);
    private static final Duration DELETE_LIMIT = Duration.ofMinutes(5);
    /** Where scheduler-app's {@code image} profile writes the image. */
    static final Path IMAGE_ARCHIVE = Path.of("scheduler-app", "target", "berth-image.tar");
    private static final Path BERTH_JAR = Path.of("scheduler-app", "target", "berth.jar");

    @Override
    public String name() {
        return "kind";
    }

    @Override
    public Optional<String> unavailableReason() {
        return prerequisites.unavailableReason();
    }

    @Override
    public RunningCluster start() throws Exception {
        Files.createDirectories(workDir);
        Path kubeconfig = workDir.resolve("kind-" + clusterName + ".kubeconfig");
        Path archive = builtImage();
        ClusterScripts scripts = new ClusterScripts(repository, runner);
        try {
            scripts.run("create-cluster.sh", CREATE_LIMIT, clusterName, kubeconfig.toString(), archive.toString());
            KubernetesClient client = RunningCluster.clientFor(kubeconfig);
            return new RunningCluster(name(), client, kubeconfig, true,
                    BerthProfile.parse(BerthProfile.deployedConfiguration(client)),
                    () -> scripts.run("delete-cluster.sh", DELETE_LIMIT, clusterName));
        } catch (Exception | Error e) {
            try {
                scripts.run("delete-cluster.sh", DELETE_LIMIT, clusterName);
            } catch (Exception cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * The image archive the reactor built before this suite ran: building it here would be a second Maven run that
     * rewrites jars this JVM has open.
     */
    private Path builtImage() throws IOException {
        Path archive = repository.resolve(IMAGE_ARCHIVE);
        String build = "; build with -Pimage (-Dberth.cluster=kind activates it only where /var/run/docker.sock exists,"
                + " BERTH_CLUSTER=kind never)";
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("kind target: no image archive " + archive + build);
        }
        Path jar = repository.resolve(BERTH_JAR);
        if (Files.isRegularFile(jar) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
            throw new IllegalStateException("kind target: image archive " + archive + " is older than " + jar + build);
        }
        return archive;
    }
}
