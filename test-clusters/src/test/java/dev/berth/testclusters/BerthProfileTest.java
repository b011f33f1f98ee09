package dev.berth.testclusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.app.scheduler.SchedulerCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whether a scheduler configuration's berth profile runs Coscheduling at Permit, as GangSchedulingIT asks. */
class BerthProfileTest {
    private static final String HEADER = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
            - schedulerName: berth
            """;

    static Stream<Arguments> configurations() throws IOException {
        return Stream.of(
                Arguments.of("berth scheduler's default profile", SchedulerCommand.SECONDARY_PROFILE, false),
                Arguments.of("the suite's coscheduling-profile.yaml", resource("/coscheduling-profile.yaml"), true),
                Arguments.of("enabled at permit alone", HEADER + """
                          plugins:
                            permit:
                              enabled:
                              - name: Coscheduling
                        """, true),
                Arguments.of("multiPoint, but disabled at permit", HEADER + """
                          plugins:
                            multiPoint:
                              enabled:
                              - name: Coscheduling
                            queueSort:
                              enabled:
                              - name: Coscheduling
                              disabled:
                              - name: "*"
                            permit:
                              disabled:
                              - name: Coscheduling
                        """, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void tellsWhetherCoschedulingRunsAtPermit(String what, String configuration, boolean enabled) {
        assertThat(BerthProfile.parse(configuration).enablesAtPermit("Coscheduling")).isEqualTo(enabled);
    }

    @Test
    void aConfigurationWithoutABerthProfileIsNamed() {
        assertThatThrownBy(() -> BerthProfile.parse(HEADER.replace("schedulerName: berth", "schedulerName: other")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the scheduler configuration has no profile berth");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BerthProfileTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
