package dev.berth.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.app.CommandOutput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad usage of {@code berth bench} exits 2 naming the flag at fault, before anything starts. */
class BenchCommandUsageTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown workload             | --workload Nope                                             | --workload: unknown workload \"Nope\"",
            "zero nodes                   | --nodes 0                                                   | --nodes: must be at least 1, got 0",
            "negative nodes               | --nodes -3                                                  | --nodes: must be at least 1, got -3",
            "zero pods                    | --in-process --pods 0                                       | --pods: must be at least 1, got 0",
            "negative initial pods        | --in-process --init-pods -1                                 | --init-pods: must not be negative",
            "negative warm-up runs        | --in-process --warmup-runs -1                               | --warmup-runs: must not be negative, got -1",
            "zero warm-up pods            | --in-process --warmup-pods 0                                | --warmup-pods: must be at least 1, got 0",
            "warm-up more than fits       | --in-process --workload SchedulingPodAntiAffinity --warmup-pods 501 | --warmup-pods: SchedulingPodAntiAffinity fits at most 1 measured pod(s) per node; use --warmup-pods 500 or fewer with 500 nodes",
            "zero runs                    | --in-process --runs 0                                       | --runs: must be at least 1, got 0",
            "zero timeout                 | --timeout 0                                                 | --timeout: must be at least 1 second",
            "unknown profile              | --in-process --profile fancy                                | --profile: must be 'default' or 'minimal'",
            "more anti-affinity than fits | --in-process --workload SchedulingPodAntiAffinity --nodes 10 --pods 11 | --pods: SchedulingPodAntiAffinity fits at most 1",
            "gang on the minimal profile  | --in-process --workload Coscheduling --profile minimal      | --profile minimal: workload Coscheduling needs its own plugins",
            "nodes not a number           | --nodes many                                                | --nodes",
    })
    void badUsageExitsTwoNamingTheFlag(String name, String args, String message) {
        CommandOutput out = CommandOutput.run(("bench " + args).trim().split("\\s+"));
        assertThat(out.exitCode()).as(out.stderr()).isEqualTo(2);
        assertThat(out.stderr()).contains(message);
    }
}
