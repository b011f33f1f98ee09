package dev.berth.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(report.toJson()).contains("\"peakMemoryBytes\":67108864,\"jitCompileSeconds\":1.25}");
    }
}
