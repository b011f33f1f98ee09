package dev.berth.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.CommandOutput;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run whose measured pods cannot all be scheduled stops at --timeout and exits 1 saying how far it got. */
class BenchTimeoutTest {

    @Test
    @Timeout(60)
    void podsThatCannotAllFitEndTheRunAtTheTimeoutWithExitOne() {
        // One node holds 110 pods (upstream's node template), so 200 measured pods never all schedule.
        CommandOutput out = CommandOutput.run("bench", "--in-process", "--warmup-runs", "0", "--json", "--workload", "SchedulingBasic",
                "--nodes", "1", "--init-pods", "0", "--pods", "200", "--timeout", "3");
        assertThat(out.exitCode()).as(out.stderr()).isEqualTo(1);
        Matcher message = Pattern.compile("berth bench: SchedulingBasic: only (\\d+) of 200 measured pods were scheduled within 3s")
                .matcher(out.stderr());
        assertThat(message.find()).as(out.stderr()).isTrue();
        // How many made it in 3 s depends on the machine; more than the node holds never can.
        assertThat(Integer.parseInt(message.group(1))).isLessThanOrEqualTo(110);
    }

    @Test
    @Timeout(120)
    void aWarmUpRunAtTheSmallestSizeComesBeforeTheMeasuredRun() {
        CommandOutput out = CommandOutput.run("bench", "--in-process", "--workload", "SchedulingBasic", "--nodes", "20",
                "--pods", "50", "--warmup-pods", "300", "--timeout", "60");
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        String progress = out.stderr();
        int warmUp = progress.indexOf("warm-up run 1 of 1 at 500 nodes (not measured)");
        assertThat(warmUp).as(progress).isNotNegative();
        assertThat(progress.indexOf("creating 500 nodes", warmUp)).as("the warm-up run's own setup").isPositive();
        assertThat(progress.indexOf("scheduling 300 measured pods", warmUp)).as("--warmup-pods").isPositive();
        assertThat(progress.indexOf("creating 20 nodes", warmUp)).as("then the measured run's").isPositive();
        assertThat(out.stdout()).contains("50 pods onto 20 nodes");
    }
}
