package dev.berth.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's figures: percentiles of the samples, and every figure in both the text and the JSON. */
class BenchReportTest {

    private final BenchReport report = BenchReport.of("SchedulingBasic", "full-stack", "default", 5000, 6, 2.0,
            new double[] {4, 2}, new long[] {3_000_000, 1_000_000, 2_000_000}, new long[] {9_000_000, 7_000_000, 8_000_000},
            64L << 20, 1.25);

    @Test
    void percentilesComeFromTheSortedSamples() {
        assertThat(report.throughputAverage()).isEqualTo(3.0);
        assertThat(report.throughputP50()).isEqualTo(2.0);
        assertThat(report.throughputP99()).isEqualTo(4.0);
        assertThat(report.latencyP50Ms()).isEqualTo(2.0);
        assertThat(report.e2eP99Ms()).isEqualTo(9.0);
    }

    @Test
    void theJitsCompileTimeIsInTextAndJson() {
        assertThat(report.toText()).contains("peak heap in use:            64 MiB")
                .contains("JIT compiling meanwhile:     1.3 s");
        assertThat(report.toJson()).contains("\"peakMemoryBytes\":67108864,\"jitCompileSeconds\":1.25,\"runAverages\":[3.0]}");
        assertThat(report.toText()).doesNotContain("runs' averages");
    }

    @Test
    void severalRunsReportTheMedianRunWithEveryRunsAverage() {
        BenchReport slow = run(10.0, 111);
        BenchReport middle = run(5.0, 222);
        BenchReport fast = run(2.0, 333);
        BenchReport median = BenchReport.medianOf(List.of(fast, slow, middle));
        assertThat(median.throughputAverage()).isEqualTo(2.0);
        assertThat(median.peakMemoryBytes()).as("the median run's own figures").isEqualTo(222);
        assertThat(median.runAverages()).containsExactly(5.0, 1.0, 2.0);
        assertThat(median.toText()).contains("runs' averages pods/s:       5.0, 1.0, 2.0 (the median run shown)");
        assertThat(median.toJson()).contains("\"runAverages\":[5.0,1.0,2.0]");
        assertThat(BenchReport.medianOf(List.of(fast, slow)).throughputAverage()).as("the lower middle of two").isEqualTo(1.0);
        assertThatThrownBy(() -> BenchReport.medianOf(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** A run of 10 pods taking {@code seconds}. */
    private static BenchReport run(double seconds, long peakMemoryBytes) {
        return BenchReport.of("SchedulingBasic", "in-process", "default", 100, 10, seconds, new double[] {1},
                new long[] {1}, new long[] {1}, peakMemoryBytes, 0);
    }
}
