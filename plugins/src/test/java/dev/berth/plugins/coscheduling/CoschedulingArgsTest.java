package dev.berth.plugins.coscheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.InvalidArgsException;
import dev.berth.framework.api.PluginArgs;
import dev.berth.plugins.testing.TestHandle;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CoschedulingArgsTest {

    /** Upstream's TestSchedulingDefaults, CoschedulingArgs cases. */
    @Test
    void defaultsAsUpstream() {
        CoschedulingArgs args = PluginArgs.empty().decode(CoschedulingArgs.class);
        assertThat(args).isEqualTo(new CoschedulingArgs(60L, 0L));
        assertThat(CoschedulingArgs.defaults()).isEqualTo(args);
    }

    @Test
    void decodesUpstreamFieldNamesAndDefaultsTheRest() {
        CoschedulingArgs args = PluginArgs.of(Map.of("apiVersion", "kubescheduler.config.k8s.io/v1", "kind", "CoschedulingArgs",
                "podGroupBackoffSeconds", 20)).decode(CoschedulingArgs.class);
        assertThat(args).isEqualTo(new CoschedulingArgs(60L, 20L));
    }

    /** Upstream's ValidateCoschedulingArgs. */
    static Stream<Arguments> validation() {
        return Stream.of(
                Arguments.of("defaults", 60L, 0L, null, null),
                Arguments.of("zeros are valid", 0L, 0L, null, null),
                Arguments.of("negative permitWaitingTimeSeconds", -1L, 0L,
                        "permitWaitingTimeSeconds", "Invalid value: -1: must be greater than 0"),
                Arguments.of("negative podGroupBackoffSeconds", 60L, -5L,
                        "podGroupBackoffSeconds", "Invalid value: -5: must be greater than 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validation")
    void validate(String name, long permitWaiting, long backoff, String wantField, String wantMessage) {
        CoschedulingArgs args = new CoschedulingArgs(permitWaiting, backoff);
        if (wantField == null) {
            args.validate();
            return;
        }
        assertThatThrownBy(args::validate).isInstanceOfSatisfying(InvalidArgsException.class, e -> {
            assertThat(e.field()).isEqualTo(wantField);
            assertThat(e.getMessage()).isEqualTo(wantMessage);
        });
    }

    @Test
    void factoryValidates() {
        Coscheduling.Factory factory = new Coscheduling.Factory();
        assertThatThrownBy(() -> factory.create(PluginArgs.of(Map.of("permitWaitingTimeSeconds", -1)), TestHandle.empty()))
                .isInstanceOfSatisfying(InvalidArgsException.class, e -> assertThat(e.field()).isEqualTo("permitWaitingTimeSeconds"));
        assertThatThrownBy(() -> factory.create(PluginArgs.of(Map.of("kubeConfigPath", "/etc/kubeconfig")), TestHandle.empty()))
                .isInstanceOf(InvalidArgsException.class);
        assertThat(factory.create(PluginArgs.empty(), TestHandle.empty()).name()).isEqualTo(Coscheduling.NAME);
    }
}
