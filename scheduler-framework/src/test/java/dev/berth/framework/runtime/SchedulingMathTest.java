package dev.berth.framework.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small formulas the runtime shares with upstream, table-driven. */
class SchedulingMathTest {

    @ParameterizedTest(name = "{0}% of {1} nodes -> {2}")
    @CsvSource({
            "0, 50, 50",        // below 100 nodes: all
            "0, 100, 100",      // adaptive 50% of 100 = 50, but at least 100
            "0, 1000, 420",     // adaptive 50 - 1000/125 = 42%
            "0, 5000, 500",     // adaptive 50 - 40 = 10%
            "0, 10000, 500",    // adaptive floor of 5%
            "30, 1000, 300",
            "10, 500, 100",     // at least 100
            "100, 5000, 5000"})
    void numFeasibleNodesToFind(int percentage, int nodes, int expected) {
        assertThat(Scheduler.numFeasibleNodesToFind(percentage, nodes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} pieces, parallelism {1} -> chunks of {2}")
    @CsvSource({"1, 16, 1", "100, 16, 7", "5000, 16, 70", "5000, 1, 70", "10, 100, 1", "0, 16, 1"})
    void chunkSize(int pieces, int parallelism, int expected) {
        assertThat(ExecutorParallelizer.chunkSize(pieces, parallelism)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"PT0S, 0s", "PT0.5S, 500ms", "PT10S, 10s", "PT1M30S, 1m30s", "PT1H, 1h0m0s", "PT1.5S, 1.5s", "PT0.000001S, 1µs"})
    void goDurations(Duration d, String expected) {
        assertThat(GoDurations.format(d)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "first by name among {0}")
    @CsvSource(delimiter = ';', value = {"b,a,c; 5,5,1; a", "c,b,a; 1,2,3; a", "x,y; 7,9; y", "z,y,x; 3,3,3; x"})
    void firstByNameBreaksTiesByName(String names, String totals, String expected) {
        List<String> n = List.of(names.split(","));
        long[] t = java.util.Arrays.stream(totals.split(",")).mapToLong(Long::parseLong).toArray();
        assertThat(n.get(HostSelection.FIRST_BY_NAME.select(n, t, new SplittableRandom(1)))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void randomSelectionNeverPicksALowerScore() {
        List<String> n = List.of("a", "b", "c", "d");
        long[] t = {10, 30, 30, 5};
        SplittableRandom random = new SplittableRandom(7);
        java.util.Set<String> picked = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            picked.add(n.get(HostSelection.RANDOM.select(n, t, random)));
        }
        assertThat(picked).containsExactlyInAnyOrder("b", "c");
    }
}
