package dev.berth.store.linearizability;

import static dev.berth.store.linearizability.Verdict.LINEARIZABLE;
import static dev.berth.store.linearizability.Verdict.NOT_LINEARIZABLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from a real atomic map, and the same histories with one read corrupted. */
class RandomizedHistoryTest {

    private static final KvModel KV = new KvModel();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String IMPOSSIBLE = "never written";

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRealRegisterIsLinearizableAndACorruptedReadIsNot(long seed) {
        Random random = new Random(seed);
        List<Operation<KvInput, Object>> history =
                new KvHistoryGenerator(random, 4, List.of("x"), 0.05).generate(300);

        LinearizabilityResult<Map<String, String>, KvInput, Object> real =
                LinearizabilityChecker.check(KV, history, TIMEOUT);
        assertThat(real.verdict()).as(real.explanation()).isEqualTo(LINEARIZABLE);

        int corrupted = randomKnownGet(random, history);
        LinearizabilityResult<Map<String, String>, KvInput, Object> broken =
                LinearizabilityChecker.check(KV, withOutput(history, corrupted, IMPOSSIBLE), TIMEOUT);
        assertThat(broken.verdict()).as(broken.explanation()).isEqualTo(NOT_LINEARIZABLE);
        Violation<Map<String, String>, KvInput, Object> violation = broken.violation().orElseThrow();
        assertThat(violation.candidates()).anyMatch(op -> IMPOSSIBLE.equals(op.output()));
        assertThat(violation.candidates())
                .noneMatch(Operation::outcomeUnknown)
                .allMatch(op -> KV.step(violation.stateAfterPrefix(), op.input(), op.output()).isEmpty());
    }

    /**
     * The size the Raft simulation produces per key: thousands of operations, a handful of clients, and some writes
     * timing out (half of which never take effect, so they stay pending to the end).
     */
    @Test
    void checksThousandsOfOperationsOnOneKeyWithinSeconds() {
        List<Operation<KvInput, Object>> history =
                new KvHistoryGenerator(new Random(42), 5, List.of("x"), 0.02).generate(4_000);

        LinearizabilityResult<Map<String, String>, KvInput, Object> result =
                LinearizabilityChecker.check(KV, history, TIMEOUT);

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(LINEARIZABLE);
    }

    /** Refuting is the expensive direction: every order of everything before the bad read must fail. */
    @Test
    void refutesACorruptedReadLateInALongHistoryWithinSeconds() {
        List<Operation<KvInput, Object>> history =
                new KvHistoryGenerator(new Random(43), 5, List.of("x"), 0.02).generate(4_000);
        int corrupted = lastKnownGet(history);
        List<Operation<KvInput, Object>> broken = withOutput(history, corrupted, IMPOSSIBLE);

        LinearizabilityResult<Map<String, String>, KvInput, Object> result =
                LinearizabilityChecker.check(KV, broken, TIMEOUT);

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(NOT_LINEARIZABLE);
        Violation<Map<String, String>, KvInput, Object> violation = result.violation().orElseThrow();
        assertThat(violation.candidates()).contains(broken.get(corrupted));
        assertThat(violation.longestPrefix().size()).isGreaterThan(3_000);
    }

    /** Linearizability is local: splitting a map's history by key never changes the verdict. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void partitioningByKeyGivesTheSameVerdictAsCheckingTheWholeMap(long seed) {
        Random random = new Random(seed);
        List<Operation<KvInput, Object>> history =
                new KvHistoryGenerator(random, 4, List.of("x", "y", "z"), 0.05).generate(60);
        if (random.nextBoolean()) {
            history = withOutput(history, randomKnownGet(random, history), "v" + random.nextInt(60));
        }

        Verdict partitioned = LinearizabilityChecker.check(KV, history, TIMEOUT).verdict();
        Verdict whole = LinearizabilityChecker.check(new UnpartitionedKvModel(), history, TIMEOUT).verdict();

        assertThat(partitioned).isEqualTo(whole).isNotEqualTo(Verdict.UNKNOWN);
    }

    /**
     * Arbitrary tiny histories (random intervals, random outputs from a small domain), a fair share of them
     * linearizable, against the brute-force oracle; the more unknown outcomes, the more the search's special handling
     * of them is exercised.
     */
    @ParameterizedTest(name = "{0}% unknown outcomes")
    @ValueSource(ints = {0, 20, 50})
    void agreesWithTheBruteForceOracleOnArbitraryTinyHistories(int unknownPercent) {
        Random random = new Random(2024 + unknownPercent);
        int linearizable = 0;
        int cases = 3_000;
        for (int n = 0; n < cases; n++) {
            List<Operation<KvInput, Object>> history = arbitraryHistory(random, 1 + random.nextInt(8), unknownPercent);

            boolean expected = BruteForceChecker.isLinearizable(KV, history);
            LinearizabilityResult<Map<String, String>, KvInput, Object> result =
                    LinearizabilityChecker.check(KV, history, TIMEOUT);

            assertThat(result.verdict()).as("case %d: %s%n%s", n, history, result.explanation())
                    .isEqualTo(expected ? LINEARIZABLE : NOT_LINEARIZABLE);
            linearizable += expected ? 1 : 0;
        }
        assertThat(linearizable).as("linearizable cases").isBetween(cases / 5, cases * 4 / 5);
    }

    private static List<Operation<KvInput, Object>> arbitraryHistory(Random random, int size, int unknownPercent) {
        String[] values = {null, "a", "b"};
        List<Operation<KvInput, Object>> history = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String key = random.nextInt(4) == 0 ? "y" : "x";
            long call = random.nextInt(12);
            long ret = call + random.nextInt(6);
            String value = values[1 + random.nextInt(2)];
            int kind = random.nextInt(10);
            KvInput input = kind < 4 ? new KvInput.Get(key)
                    : kind < 8 ? new KvInput.Put(key, value)
                    : new KvInput.Cas(key, values[random.nextInt(3)], value);
            if (!(input instanceof KvInput.Get) && random.nextInt(100) < unknownPercent) {
                history.add(Operation.unknownOutcome(i, input, call));
                continue;
            }
            Object output = input instanceof KvInput.Get ? values[random.nextInt(3)]
                    : input instanceof KvInput.Cas ? random.nextBoolean()
                    : null;
            history.add(new Operation<>(i, input, output, call, ret));
        }
        return history;
    }

    private static int randomKnownGet(Random random, List<Operation<KvInput, Object>> history) {
        List<Integer> gets = IntStream.range(0, history.size()).filter(i -> isKnownGet(history.get(i))).boxed().toList();
        return gets.get(random.nextInt(gets.size()));
    }

    private static int lastKnownGet(List<Operation<KvInput, Object>> history) {
        return IntStream.range(0, history.size()).filter(i -> isKnownGet(history.get(i))).max().orElseThrow();
    }

    private static boolean isKnownGet(Operation<KvInput, Object> op) {
        return op.input() instanceof KvInput.Get && !op.outcomeUnknown();
    }

    private static List<Operation<KvInput, Object>> withOutput(
            List<Operation<KvInput, Object>> history, int index, Object output) {
        List<Operation<KvInput, Object>> copy = new ArrayList<>(history);
        Operation<KvInput, Object> op = copy.get(index);
        copy.set(index, new Operation<>(op.clientId(), op.input(), output, op.callTime(), op.returnTime()));
        return copy;
    }
}
