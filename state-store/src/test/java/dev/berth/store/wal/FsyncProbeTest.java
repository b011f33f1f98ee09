package dev.berth.store.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsyncProbeTest {

    @TempDir
    Path dir;

    @Test
    void stopsAfterMaxFsyncsAndReportsPositiveNumbers() throws IOException {
        FsyncProbe.Result result = FsyncProbe.measure(dir, 25, Duration.ofMinutes(1));

        assertThat(result.fsyncs()).isEqualTo(25);
        assertThat(result.elapsed()).isPositive();
        assertThat(result.fsyncsPerSecond()).isCloseTo(25 / (result.elapsed().toNanos() / 1e9),
                within(1e-6));
        assertThat(result.p50Micros()).isPositive();
        assertThat(result.p99Micros()).isGreaterThanOrEqualTo(result.p50Micros());
        assertThat(result.p50Micros() * 1_000).as("the median step fits in the elapsed time")
                .isLessThanOrEqualTo(result.elapsed().toNanos());
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("the scratch file is deleted").isEmpty();
        }
    }

    @Test
    void stopsAtMaxDuration() throws IOException {
        Duration bound = Duration.ofMillis(300);

        FsyncProbe.Result result = FsyncProbe.measure(dir, Integer.MAX_VALUE, bound);

        assertThat(result.elapsed()).isGreaterThanOrEqualTo(bound)
                .as("one step past the bound at most").isLessThan(bound.plusSeconds(5));
        assertThat(result.fsyncs()).isPositive().isLessThan(Integer.MAX_VALUE);
        assertThat(result.fsyncsPerSecond()).isPositive();
    }

    @Test
    void rejectsBoundsThatCannotStop() {
        assertThatThrownBy(() -> FsyncProbe.measure(dir, 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFsyncs");
        assertThatThrownBy(() -> FsyncProbe.measure(dir, 10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDuration");
    }
}
