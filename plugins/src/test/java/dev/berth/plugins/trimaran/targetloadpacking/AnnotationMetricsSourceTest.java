package dev.berth.plugins.trimaran.targetloadpacking;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The two node annotations: both must be there and parse, else the node has no utilisation. */
class AnnotationMetricsSourceTest {

    private static final String AT = "2026-11-26T06:00:00Z";

    record Case(String name, String percent, String timestamp, Optional<NodeCpuUtilization> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        NodeCpuUtilization at375 = new NodeCpuUtilization(37.5, Instant.parse(AT));
        return Stream.of(
                new Case("both", "37.5", AT, Optional.of(at375)),
                new Case("with spaces", " 37.5 ", " " + AT, Optional.of(at375)),
                new Case("an offset timestamp", "37.5", "2026-11-26T08:00:00+02:00", Optional.of(at375)),
                new Case("no annotations", null, null, Optional.empty()),
                new Case("no timestamp", "37.5", null, Optional.empty()),
                new Case("no percentage", null, AT, Optional.empty()),
                new Case("a percentage with a sign", "37.5%", AT, Optional.empty()),
                new Case("a negative percentage", "-1", AT, Optional.empty()),
                new Case("not a number", "NaN", AT, Optional.empty()),
                new Case("a timestamp without zone", "37.5", "2026-11-26T06:00:00", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reads(Case c) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (c.percent() != null) {
            annotations.put(AnnotationMetricsSource.CPU_UTILIZATION, c.percent());
        }
        if (c.timestamp() != null) {
            annotations.put(AnnotationMetricsSource.CPU_UTILIZATION_TIMESTAMP, c.timestamp());
        }
        Node node = new NodeBuilder().withNewMetadata().withName("n").withAnnotations(annotations.isEmpty() ? null : annotations)
                .endMetadata().build();

        assertThat(new AnnotationMetricsSource().cpuUtilization(node)).isEqualTo(c.expected());
    }
}
