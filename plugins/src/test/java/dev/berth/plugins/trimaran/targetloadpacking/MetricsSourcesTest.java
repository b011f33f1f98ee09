package dev.berth.plugins.trimaran.targetloadpacking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.framework.api.InvalidArgsException;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The args' {@code metricsSource}: the class it names is created, or the error names the field. */
class MetricsSourcesTest {

    /** A source a metrics integration would provide. */
    public static final class FixedSource implements NodeMetricsSource {
        @Override
        public Optional<NodeCpuUtilization> cpuUtilization(Node node) {
            return Optional.of(new NodeCpuUtilization(12.5, Instant.EPOCH));
        }
    }

    public static final class NoUsableConstructor implements NodeMetricsSource {
        public NoUsableConstructor(String address) {
        }

        @Override
        public Optional<NodeCpuUtilization> cpuUtilization(Node node) {
            return Optional.empty();
        }
    }

    public static final class Throws implements NodeMetricsSource {
        public Throws() {
            throw new IllegalStateException("metrics API unreachable");
        }

        @Override
        public Optional<NodeCpuUtilization> cpuUtilization(Node node) {
            return Optional.empty();
        }
    }

    @Test
    void theNamedClassIsCreated() {
        NodeMetricsSource source = MetricsSources.create(FixedSource.class.getName(), null);

        assertThat(source).isInstanceOf(FixedSource.class);
        assertThat(source.cpuUtilization(new Node())).contains(new NodeCpuUtilization(12.5, Instant.EPOCH));
    }

    record Bad(Class<?> type, String name, String why) {
        @Override
        public String toString() {
            return why;
        }
    }

    static Stream<Bad> badSources() {
        return Stream.of(
                new Bad(null, "com.example.Missing", "no such class on the scheduler's class path"),
                new Bad(String.class, String.class.getName(), "not a " + NodeMetricsSource.class.getName()),
                new Bad(NoUsableConstructor.class, NoUsableConstructor.class.getName(), "needs a public constructor taking a Handle, or none"),
                new Bad(Throws.class, Throws.class.getName(), "metrics API unreachable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSources")
    void aBadSourceNamesTheField(Bad bad) {
        assertThatThrownBy(() -> MetricsSources.create(bad.name(), null))
                .isInstanceOfSatisfying(InvalidArgsException.class, e -> assertThat(e.field()).isEqualTo("metricsSource"))
                .hasMessageContaining(bad.name())
                .hasMessageContaining(bad.why());
    }
}
