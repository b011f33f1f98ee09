package dev.berth.store.linearizability;

import static dev.berth.store.linearizability.KvHistory.history;
import static dev.berth.store.linearizability.Verdict.LINEARIZABLE;
import static dev.berth.store.linearizability.Verdict.NOT_LINEARIZABLE;
import static dev.berth.store.linearizability.Verdict.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LinearizabilityCheckerTest {

    private static final KvModel KV = new KvModel();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static LinearizabilityResult<Map<String, String>, KvInput, Object> check(
            List<Operation<KvInput, Object>> history) {
        return LinearizabilityChecker.check(KV, history, TIMEOUT);
    }

    static Stream<Arguments> histories() {
        return Stream.of(
                Arguments.of("empty history", history(), LINEARIZABLE),
                Arguments.of("sequential puts and gets", history()
                        .get(0, "x", null, 0, 5)
                        .put(0, "x", "1", 10, 20)
                        .get(1, "x", "1", 30, 40)
                        .put(1, "x", "2", 50, 60)
                        .get(0, "x", "2", 70, 80), LINEARIZABLE),
                Arguments.of("get concurrent with a put sees the new value", history()
                        .put(0, "x", "1", 0, 10)
                        .put(1, "x", "2", 20, 40)
                        .get(2, "x", "2", 25, 35), LINEARIZABLE),
                Arguments.of("get concurrent with a put sees the old value", history()
                        .put(0, "x", "1", 0, 10)
                        .put(1, "x", "2", 20, 40)
                        .get(2, "x", "1", 25, 35), LINEARIZABLE),
                Arguments.of("get concurrent with the first put sees the key absent", history()
                        .put(0, "x", "1", 0, 10)
                        .get(1, "x", null, 5, 15), LINEARIZABLE),
                Arguments.of("stale read after a completed write", history()
                        .put(0, "x", "1", 0, 10)
                        .put(0, "x", "2", 20, 30)
                        .get(1, "x", "1", 40, 50), NOT_LINEARIZABLE),
                Arguments.of("absent after a completed put", history()
                        .put(0, "x", "1", 0, 10)
                        .get(1, "x", null, 20, 30), NOT_LINEARIZABLE),
                Arguments.of("read of a value never written", history()
                        .put(0, "x", "1", 0, 10)
                        .get(1, "x", "3", 5, 15), NOT_LINEARIZABLE),
                Arguments.of("a later read goes back to an older value", history()
                        .put(0, "x", "1", 0, 10)
                        .put(1, "x", "2", 0, 100)
                        .get(2, "x", "2", 20, 30)
                        .get(2, "x", "1", 40, 50), NOT_LINEARIZABLE),
                Arguments.of("two readers see concurrent writes in opposite orders", history()
                        .put(0, "x", "1", 0, 100)
                        .put(1, "x", "2", 0, 100)
                        .get(2, "x", "1", 10, 20)
                        .get(2, "x", "2", 30, 40)
                        .get(3, "x", "2", 10, 20)
                        .get(3, "x", "1", 30, 40), NOT_LINEARIZABLE),
                Arguments.of("two readers see concurrent writes in the same order", history()
                        .put(0, "x", "1", 0, 100)
                        .put(1, "x", "2", 0, 100)
                        .get(2, "x", "1", 10, 20)
                        .get(2, "x", "2", 30, 40)
                        .get(3, "x", "1", 10, 20)
                        .get(3, "x", "2", 30, 40), LINEARIZABLE),
                Arguments.of("a return and a call at the same time are concurrent", history()
                        .put(0, "x", "1", 0, 10)
                        .put(0, "x", "2", 20, 30)
                        .get(1, "x", "1", 30, 40), LINEARIZABLE),
                Arguments.of("a return strictly before a call orders them", history()
                        .put(0, "x", "1", 0, 10)
                        .put(0, "x", "2", 20, 30)
                        .get(1, "x", "1", 31, 40), NOT_LINEARIZABLE),
                Arguments.of("instantaneous operations", history()
                        .put(0, "x", "1", 5, 5)
                        .get(1, "x", "1", 5, 5)
                        .get(1, "x", "1", 6, 6), LINEARIZABLE),
                Arguments.of("unknown put that a later read shows took effect", history()
                        .put(0, "x", "1", 0, 10)
                        .putUnknown(1, "x", "2", 20)
                        .get(2, "x", "2", 30, 40), LINEARIZABLE),
                Arguments.of("unknown put that no read shows", history()
                        .put(0, "x", "1", 0, 10)
                        .putUnknown(1, "x", "2", 20)
                        .get(2, "x", "1", 30, 40)
                        .get(2, "x", "1", 500, 510), LINEARIZABLE),
                Arguments.of("unknown put taking effect long after its client gave up", history()
                        .put(0, "x", "1", 0, 10)
                        .putUnknown(1, "x", "2", 20)
                        .get(2, "x", "1", 30, 40)
                        .get(2, "x", "2", 500, 510), LINEARIZABLE),
                Arguments.of("unknown put seen, then unseen", history()
                        .put(0, "x", "1", 0, 10)
                        .putUnknown(1, "x", "2", 20)
                        .get(2, "x", "2", 30, 40)
                        .get(2, "x", "1", 50, 60), NOT_LINEARIZABLE),
                Arguments.of("unknown put whose value is read before its call", history()
                        .get(0, "x", "2", 0, 10)
                        .putUnknown(1, "x", "2", 20), NOT_LINEARIZABLE),
                Arguments.of("a read that needs two unknown operations in a row", history()
                        .putUnknown(0, "x", "1", 0)
                        .casUnknown(1, "x", "1", "2", 0)
                        .get(2, "x", "2", 10, 20), LINEARIZABLE),
                Arguments.of("two unknown puts taking effect in the order reads show", history()
                        .putUnknown(0, "x", "1", 0)
                        .putUnknown(1, "x", "2", 0)
                        .get(2, "x", "2", 10, 20)
                        .get(2, "x", "1", 30, 40), LINEARIZABLE),
                Arguments.of("an unknown put taking effect twice", history()
                        .putUnknown(0, "x", "1", 0)
                        .putUnknown(1, "x", "2", 0)
                        .get(2, "x", "2", 10, 20)
                        .get(2, "x", "1", 30, 40)
                        .get(2, "x", "2", 50, 60), NOT_LINEARIZABLE),
                Arguments.of("only unknown operations", history()
                        .putUnknown(0, "x", "1", 0)
                        .casUnknown(1, "x", "5", "6", 3), LINEARIZABLE),
                Arguments.of("cas that swaps", history()
                        .put(0, "x", "1", 0, 10)
                        .cas(1, "x", "1", "2", true, 20, 30)
                        .get(2, "x", "2", 40, 50), LINEARIZABLE),
                Arguments.of("cas that reports a swap of a value not there", history()
                        .put(0, "x", "1", 0, 10)
                        .cas(1, "x", "3", "2", true, 20, 30), NOT_LINEARIZABLE),
                Arguments.of("cas that reports no swap although it must have matched", history()
                        .put(0, "x", "1", 0, 10)
                        .cas(1, "x", "1", "2", false, 20, 30), NOT_LINEARIZABLE),
                Arguments.of("cas that fails because a concurrent put got in first", history()
                        .put(0, "x", "1", 0, 10)
                        .put(2, "x", "3", 15, 40)
                        .cas(1, "x", "1", "2", false, 20, 30), LINEARIZABLE),
                Arguments.of("cas that reports a swap but its value is never seen", history()
                        .put(0, "x", "1", 0, 10)
                        .cas(1, "x", "1", "2", true, 20, 30)
                        .get(2, "x", "1", 40, 50), NOT_LINEARIZABLE),
                Arguments.of("cas creating an absent key, once", history()
                        .cas(0, "x", null, "1", true, 0, 10)
                        .cas(1, "x", null, "2", false, 5, 15)
                        .get(2, "x", "1", 20, 30), LINEARIZABLE),
                Arguments.of("two cas both creating the same key", history()
                        .cas(0, "x", null, "1", true, 0, 10)
                        .cas(1, "x", null, "2", true, 5, 15), NOT_LINEARIZABLE),
                Arguments.of("unknown cas that took effect", history()
                        .put(0, "x", "1", 0, 10)
                        .casUnknown(1, "x", "1", "2", 20)
                        .get(2, "x", "2", 30, 40), LINEARIZABLE),
                Arguments.of("unknown cas whose expected value was gone cannot take effect", history()
                        .put(0, "x", "1", 0, 10)
                        .put(0, "x", "3", 20, 30)
                        .casUnknown(1, "x", "1", "2", 40)
                        .get(2, "x", "2", 50, 60), NOT_LINEARIZABLE),
                Arguments.of("keys are independent registers", history()
                        .put(0, "x", "1", 0, 10)
                        .put(1, "y", "2", 0, 10)
                        .get(2, "x", "1", 20, 30)
                        .get(2, "y", "2", 20, 30)
                        .get(3, "z", null, 20, 30), LINEARIZABLE),
                Arguments.of("a stale read on one key among good keys", history()
                        .put(0, "x", "1", 0, 10)
                        .put(1, "y", "1", 0, 10)
                        .put(1, "y", "2", 20, 30)
                        .get(2, "x", "1", 40, 50)
                        .get(2, "y", "1", 40, 50), NOT_LINEARIZABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void decidesClassicHistories(String name, KvHistory history, Verdict expected) {
        LinearizabilityResult<Map<String, String>, KvInput, Object> result = check(history.build());

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(expected);
        assertThat(result.violation().isPresent()).isEqualTo(expected == NOT_LINEARIZABLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void agreesWithTheBruteForceOracle(String name, KvHistory history, Verdict expected) {
        assertThat(BruteForceChecker.isLinearizable(KV, history.build())).isEqualTo(expected == LINEARIZABLE);
    }

    @Test
    void reportsTheFailingKeyTheLongestPrefixAndWhatCouldNotBePlaced() {
        List<Operation<KvInput, Object>> ops = history()
                .put(0, "x", "1", 0, 10)
                .put(1, "y", "1", 0, 10)
                .put(1, "y", "2", 20, 30)
                .get(2, "x", "1", 40, 50)
                .get(2, "y", "1", 40, 50)
                .build();

        LinearizabilityResult<Map<String, String>, KvInput, Object> result = check(ops);

        assertThat(result.verdict()).isEqualTo(NOT_LINEARIZABLE);
        Violation<Map<String, String>, KvInput, Object> violation = result.violation().orElseThrow();
        assertThat(violation.partition()).isEqualTo("key \"y\"");
        assertThat(violation.history()).containsExactly(ops.get(1), ops.get(2), ops.get(4));
        assertThat(violation.longestPrefix()).containsExactly(ops.get(1), ops.get(2));
        assertThat(violation.stateAfterPrefix()).isEqualTo(Map.of("y", "2"));
        assertThat(violation.candidates()).containsExactly(ops.get(4));
        assertThat(violation.earliestReturn()).isEqualTo(ops.get(4));
        assertThat(result.explanation()).isEqualTo("""
                NOT LINEARIZABLE: key "y" (3 operations)
                Longest linearizable prefix found: 2 operation(s), in order
                     1. client 1 [0, 10] put("y", "1") -> ok
                     2. client 1 [20, 30] put("y", "2") -> ok
                State after it: "y" = "2"
                Then something had to take effect before client 2's operation returned at 50, but no operation \
                that could go next is legal in that state:
                  client 2 [40, 50] get("y") -> "1"
                """);
        assertThat(result).hasToString(result.explanation());
    }

    @Test
    void reportsUnknownOutcomesAsNeverReturned() {
        List<Operation<KvInput, Object>> ops = history()
                .put(0, "x", "1", 0, 10)
                .putUnknown(1, "x", "2", 5)
                .get(2, "x", "3", 20, 30)
                .build();

        LinearizabilityResult<Map<String, String>, KvInput, Object> result = check(ops);

        Violation<Map<String, String>, KvInput, Object> violation = result.violation().orElseThrow();
        assertThat(violation.longestPrefix()).containsExactly(ops.get(0), ops.get(1));
        assertThat(violation.stateAfterPrefix()).isEqualTo(Map.of("x", "2"));
        assertThat(violation.candidates()).containsExactly(ops.get(2));
        assertThat(result.explanation())
                .contains("     2. client 1 [5, never returned] put(\"x\", \"2\") -> ? (outcome unknown)\n");
    }

    @Test
    void elidesTheStartOfALongPrefix() {
        KvHistory history = history();
        for (int i = 0; i < 50; i++) {
            history.put(0, "x", "v" + i, 10L * i, 10L * i + 5);
        }
        history.get(1, "x", "v3", 1_000, 1_010);

        String explanation = check(history.build()).explanation();

        assertThat(explanation)
                .contains("Longest linearizable prefix found: 50 operation(s)")
                .contains("... 30 earlier operation(s); Violation.longestPrefix() has them all")
                .contains("    31. client 0 [300, 305] put(\"x\", \"v30\") -> ok")
                .doesNotContain("[290, 295]");
    }

    @Test
    void describesLinearizableResults() {
        LinearizabilityResult<Map<String, String>, KvInput, Object> result = check(history()
                .put(0, "x", "1", 0, 10)
                .get(0, "y", null, 0, 10)
                .build());

        assertThat(result.explanation()).isEqualTo("LINEARIZABLE: 2 operations in 2 partition(s)");
        assertThat(result.violation()).isEmpty();
    }

    /**
     * Forty writes, all concurrent, then a read of a value none wrote: to refute it the search must try every subset
     * of writes with every last writer, far beyond any deadline. The check must say so instead of hanging.
     */
    @Test
    void givesUpWithUnknownAtTheDeadline() {
        KvHistory history = history();
        for (int i = 0; i < 40; i++) {
            history.put(i, "x", "v" + i, 0, 100);
        }
        history.get(40, "x", "never written", 200, 300);
        List<Operation<KvInput, Object>> ops = history.build();

        LinearizabilityResult<Map<String, String>, KvInput, Object> result = assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> LinearizabilityChecker.check(KV, ops, Duration.ofMillis(100)));

        assertThat(result.verdict()).isEqualTo(UNKNOWN);
        assertThat(result.violation()).isEmpty();
        assertThat(result.explanation())
                .startsWith("UNKNOWN: timed out after ")
                .endsWith(" checking key \"x\" (41 operations); 0 of 1 partition(s) were linearizable before that");
    }

    @Test
    void aZeroTimeoutStillFinishesTrivialHistories() {
        LinearizabilityResult<Map<String, String>, KvInput, Object> result = LinearizabilityChecker.check(
                KV, history().put(0, "x", "1", 0, 10).build(), Duration.ZERO);

        assertThat(result.verdict()).isEqualTo(LINEARIZABLE);
    }

    /** A model without partitions: its report names the whole history. */
    @Test
    void unpartitionedModelsReportTheWholeHistory() {
        List<Operation<KvInput, Object>> ops = history()
                .put(0, "x", "1", 0, 10)
                .get(1, "y", "1", 20, 30)
                .build();

        LinearizabilityResult<Map<String, String>, KvInput, Object> result =
                LinearizabilityChecker.check(new UnpartitionedKvModel(), ops, TIMEOUT);

        assertThat(result.violation().orElseThrow().partition()).isEqualTo("the whole history");
        assertThat(result.violation().orElseThrow().history()).isEqualTo(ops);
    }
}
