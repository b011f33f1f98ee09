package dev.berth.testclusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which target the system properties and the environment pick, and what a wrong setting says. */
class TargetSelectionTest {
    private static final CommandRunner NEVER = (command, timeout) -> {
        throw new AssertionError("selecting a target runs nothing: " + command);
    };

    static Stream<Arguments> choices() {
        return Stream.of(
                Arguments.of(Map.of(), Map.of(), EmbeddedTarget.class),
                Arguments.of(Map.of(), Map.of("BERTH_CLUSTER", "kind"), KindTarget.class),
                Arguments.of(Map.of("berth.cluster", "existing"), Map.of("BERTH_CLUSTER", "kind"), ExistingTarget.class),
                Arguments.of(Map.of("berth.cluster", " embedded "), Map.of(), EmbeddedTarget.class));
    }

    @ParameterizedTest
    @MethodSource("choices")
    void thePropertyWinsOverTheEnvironment(Map<String, String> properties, Map<String, String> env,
                                           Class<? extends ClusterTarget> expected) {
        assertThat(TargetSelection.select(properties, env, NEVER)).isInstanceOf(expected);
    }

    @Test
    void embeddedTakesTheJarNodesAndWorkDir() {
        ClusterTarget target = TargetSelection.select(Map.of("berth.jar", "/x/berth.jar", "berth.embedded.nodes", "9",
                "berth.workdir", "/w", "berth.repository", "/repo", "berth.scheduler.config", "gang.yaml"), Map.of(), NEVER);
        assertThat(target).isEqualTo(new EmbeddedTarget(Path.of("/x/berth.jar"), 9, Path.of("/w"),
                Path.of("/repo/gang.yaml")));
        assertThat(((EmbeddedTarget) TargetSelection.select(Map.of(), Map.of(), NEVER)).schedulerConfig())
                .as("without berth.scheduler.config, berth scheduler's default profile").isNull();
        assertThat(target.unavailableReason()).isEmpty();
    }

    @Test
    void existingTakesTheKubeconfigPropertyOverKubeconfigVariable() {
        ClusterTarget target = TargetSelection.select(Map.of("berth.cluster", "existing", "berth.kubeconfig", "/a",
                "berth.deploy", "true"), Map.of("KUBECONFIG", "/b"), NEVER);
        assertThat(target).isInstanceOfSatisfying(ExistingTarget.class, existing -> {
            assertThat(existing.kubeconfig()).isEqualTo(Path.of("/a"));
            assertThat(existing.deploy()).isTrue();
        });
        ExistingTarget fromEnv = (ExistingTarget) TargetSelection.select(Map.of("berth.cluster", "existing"),
                Map.of("KUBECONFIG", "/b"), NEVER);
        assertThat(fromEnv.kubeconfig()).isEqualTo(Path.of("/b"));
        assertThat(fromEnv.deploy()).isFalse();
    }

    @Test
    void existingWithoutAKubeconfigIsSkippedWithAReason() {
        ClusterTarget target = TargetSelection.select(Map.of("berth.cluster", "existing"), Map.of(), NEVER);
        assertThat(target.unavailableReason())
                .isEqualTo(Optional.of("existing target unavailable: neither KUBECONFIG nor -Dberth.kubeconfig is set"));
    }

    static Stream<Arguments> wrongSettings() {
        return Stream.of(
                Arguments.of(Map.of("berth.cluster", "minikube"),
                        "berth.cluster (or BERTH_CLUSTER) \"minikube\": must be embedded, kind or existing"),
                Arguments.of(Map.of("berth.embedded.nodes", "six"),
                        "berth.embedded.nodes \"six\": must be a whole number from 1 to 10000"),
                Arguments.of(Map.of("berth.embedded.nodes", "0"),
                        "berth.embedded.nodes \"0\": must be a whole number from 1 to 10000"));
    }

    @ParameterizedTest
    @MethodSource("wrongSettings")
    void aWrongSettingIsNamed(Map<String, String> properties, String message) {
        assertThatThrownBy(() -> TargetSelection.select(properties, Map.of(), NEVER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
