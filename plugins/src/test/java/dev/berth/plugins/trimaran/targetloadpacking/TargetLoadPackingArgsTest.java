package dev.berth.plugins.trimaran.targetloadpacking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.InvalidArgsException;
import dev.berth.framework.api.PluginArgs;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** TargetLoadPackingArgs: upstream's defaults (40, one core, 1.5), Berth's two fields, and errors naming the field. */
class TargetLoadPackingArgsTest {

    @Test
    void emptyArgsTakeUpstreamsDefaults() {
        TargetLoadPackingArgs args = PluginArgs.empty().decode(TargetLoadPackingArgs.class);
        args.validate();

        assertThat(args.targetUtilization()).isEqualTo(40);
        assertThat(args.defaultRequestsMilliCpu()).isEqualTo(1000);
        assertThat(args.requestsMultiplier()).isEqualTo(1.5);
        assertThat(args.metricsMaxAgeSeconds()).isEqualTo(300);
        assertThat(args.metricsSource()).isEqualTo(AnnotationMetricsSource.class.getName());
    }

    @Test
    void upstreamsReadmeExampleDecodes() {
        TargetLoadPackingArgs args = PluginArgs.of(Map.of("defaultRequests", Map.of("cpu", "2000m"),
                "defaultRequestsMultiplier", "2", "targetUtilization", 70)).decode(TargetLoadPackingArgs.class);
        args.validate();

        assertThat(args.targetUtilization()).isEqualTo(70);
        assertThat(args.defaultRequestsMilliCpu()).isEqualTo(2000);
        assertThat(args.requestsMultiplier()).isEqualTo(2.0);
    }

    @Test
    void numbersAreReadAsTheirText() {
        TargetLoadPackingArgs args = PluginArgs.of(Map.of("defaultRequests", Map.of("cpu", 2), "defaultRequestsMultiplier", 1.25))
                .decode(TargetLoadPackingArgs.class);
        args.validate();

        assertThat(args.defaultRequestsMilliCpu()).isEqualTo(2000);
        assertThat(args.requestsMultiplier()).isEqualTo(1.25);
    }

    record Invalid(String name, Map<String, Object> args, String field, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalidArgs() {
        return Stream.of(
                new Invalid("target 0", Map.of("targetUtilization", 0), "targetUtilization",
                        "Invalid value: 0: must be greater than 0 and less than 100"),
                new Invalid("target 100", Map.of("targetUtilization", 100), "targetUtilization",
                        "Invalid value: 100: must be greater than 0 and less than 100"),
                new Invalid("cpu not a quantity", Map.of("defaultRequests", Map.of("cpu", "lots")), "defaultRequests.cpu",
                        "Invalid value: \"lots\": not a quantity"),
                new Invalid("cpu negative", Map.of("defaultRequests", Map.of("cpu", "-1")), "defaultRequests.cpu",
                        "Invalid value: \"-1\": must not be negative"),
                new Invalid("multiplier not a number", Map.of("defaultRequestsMultiplier", "x1.5"), "defaultRequestsMultiplier",
                        "Invalid value: \"x1.5\": not a number"),
                new Invalid("multiplier 0", Map.of("defaultRequestsMultiplier", "0"), "defaultRequestsMultiplier",
                        "Invalid value: \"0\": must be a number greater than 0"),
                new Invalid("metrics age 0", Map.of("metricsMaxAgeSeconds", 0), "metricsMaxAgeSeconds",
                        "Invalid value: 0: must be greater than 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidArgs")
    void invalidArgsNameTheirField(Invalid c) {
        TargetLoadPackingArgs args = PluginArgs.of(c.args()).decode(TargetLoadPackingArgs.class);

        assertThatThrownBy(args::validate)
                .isInstanceOfSatisfying(InvalidArgsException.class, e -> assertThat(e.field()).isEqualTo(c.field()))
                .hasMessageContaining(c.message());
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertThatThrownBy(() -> PluginArgs.of(Map.of("watcherAddress", "http://load-watcher")).decode(TargetLoadPackingArgs.class))
                .isInstanceOfSatisfying(InvalidArgsException.class, e -> assertThat(e.field()).isEqualTo("watcherAddress"));
    }
}
