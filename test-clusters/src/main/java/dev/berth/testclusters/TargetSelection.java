package dev.berth.testclusters;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Picks the {@link ClusterTarget} from system properties and the environment: {@code berth.cluster} (else
 * {@code BERTH_CLUSTER}, else {@code embedded}). The other settings:
 * <ul>
 *   <li>{@code berth.repository}: the repository root (default {@code ..}, the parent of test-clusters)</li>
 *   <li>{@code berth.jar}: berth.jar for the embedded target (default scheduler-app/target/berth.jar)</li>
 *   <li>{@code berth.embedded.nodes}: simulated nodes of the embedded target (default 6)</li>
 *   <li>{@code berth.scheduler.config}: a KubeSchedulerConfiguration for the embedded target's scheduler, relative to
 *       the repository root (default: its default profile {@code berth})</li>
 *   <li>{@code berth.workdir}: where logs, data dirs and kubeconfigs go (default test-clusters/target/clusters)</li>
 *   <li>{@code berth.kind.cluster}: the kind cluster's name (default {@code berth-e2e})</li>
 *   <li>{@code berth.kubeconfig} (else {@code KUBECONFIG}) and {@code berth.deploy=true} for the existing target</li>
 * </ul>
 */
public final class TargetSelection {
    static final int DEFAULT_EMBEDDED_NODES = 6;

    private TargetSelection() {
    }

    /** The target this JVM's system properties and environment ask for. */
    public static ClusterTarget fromEnvironment() {
        Properties properties = System.getProperties();
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return select(values, System.getenv(), new ProcessCommandRunner());
    }

    /** @throws IllegalArgumentException naming the property whose value is wrong */
    public static ClusterTarget select(Map<String, String> properties, Map<String, String> env, CommandRunner runner) {
        String name = properties.getOrDefault("berth.cluster", env.getOrDefault("BERTH_CLUSTER", "embedded")).strip();
        Path repository = Path.of(properties.getOrDefault("berth.repository", "..")).toAbsolutePath().normalize();
        Path workDir = Path.of(properties.getOrDefault("berth.workdir",
                repository.resolve("test-clusters/target/clusters").toString()));
        return switch (name) {
            case "embedded" -> new EmbeddedTarget(
                    Path.of(properties.getOrDefault("berth.jar", repository.resolve("scheduler-app/target/berth.jar").toString())),
                    nodes(properties.getOrDefault("berth.embedded.nodes", Integer.toString(DEFAULT_EMBEDDED_NODES))),
                    workDir, Optional.ofNullable(properties.get("berth.scheduler.config")).map(repository::resolve).orElse(null));
            case "kind" -> new KindTarget(repository, properties.getOrDefault("berth.kind.cluster", "berth-e2e"),
                    workDir, new KindPrerequisites(runner), runner);
            case "existing" -> {
                String kubeconfig = properties.getOrDefault("berth.kubeconfig", env.get("KUBECONFIG"));
                yield new ExistingTarget(kubeconfig == null || kubeconfig.isBlank() ? null : Path.of(kubeconfig),
                        Boolean.parseBoolean(properties.getOrDefault("berth.deploy", "false")), repository, runner);
            }
            default -> throw new IllegalArgumentException("berth.cluster (or BERTH_CLUSTER) \"" + name
                    + "\": must be embedded, kind or existing");
        };
    }

    private static int nodes(String text) {
        try {
            int nodes = Integer.parseInt(text.strip());
            if (nodes >= 1 && nodes <= 10_000) {
                return nodes;
            }
        } catch (NumberFormatException e) {
            // reported below, with the allowed range
        }
        throw new IllegalArgumentException("berth.embedded.nodes \"" + text + "\": must be a whole number from 1 to 10000");
    }
}
