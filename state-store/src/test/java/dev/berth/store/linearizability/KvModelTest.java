package dev.berth.store.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KvModelTest {

    private final KvModel kv = new KvModel();

    static Stream<Arguments> steps() {
        Map<String, String> empty = Map.of();
        Map<String, String> x1 = Map.of("x", "1");
        Map<String, String> x1y2 = Map.of("x", "1", "y", "2");
        return Stream.of(
                Arguments.of(empty, new KvInput.Get("x"), null, Optional.of(empty)),
                Arguments.of(empty, new KvInput.Get("x"), "1", Optional.empty()),
                Arguments.of(x1, new KvInput.Get("x"), "1", Optional.of(x1)),
                Arguments.of(x1, new KvInput.Get("x"), null, Optional.empty()),
                Arguments.of(x1, new KvInput.Get("y"), null, Optional.of(x1)),
                Arguments.of(empty, new KvInput.Put("x", "1"), null, Optional.of(x1)),
                Arguments.of(x1, new KvInput.Put("y", "2"), null, Optional.of(x1y2)),
                Arguments.of(x1y2, new KvInput.Put("x", "3"), null, Optional.of(Map.of("x", "3", "y", "2"))),
                Arguments.of(x1, new KvInput.Cas("x", "1", "2"), true, Optional.of(Map.of("x", "2"))),
                Arguments.of(x1, new KvInput.Cas("x", "1", "2"), false, Optional.empty()),
                Arguments.of(x1, new KvInput.Cas("x", "9", "2"), false, Optional.of(x1)),
                Arguments.of(x1, new KvInput.Cas("x", "9", "2"), true, Optional.empty()),
                Arguments.of(empty, new KvInput.Cas("x", null, "1"), true, Optional.of(x1)),
                Arguments.of(x1, new KvInput.Cas("x", null, "2"), false, Optional.of(x1)),
                Arguments.of(x1, new KvInput.Cas("y", null, "2"), true, Optional.of(x1y2)));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("steps")
    void stepsLikeAMapOfRegisters(Map<String, String> state, KvInput input, Object output,
            Optional<Map<String, String>> next) {
        assertThat(kv.step(state, input, output)).isEqualTo(next);
    }

    static Stream<Arguments> unknownSteps() {
        Map<String, String> x1 = Map.of("x", "1");
        return Stream.of(
                Arguments.of(x1, new KvInput.Get("x"), x1),
                Arguments.of(x1, new KvInput.Put("x", "2"), Map.of("x", "2")),
                Arguments.of(x1, new KvInput.Cas("x", "1", "2"), Map.of("x", "2")),
                Arguments.of(x1, new KvInput.Cas("x", "9", "2"), x1),
                Arguments.of(Map.of(), new KvInput.Cas("x", null, "1"), x1));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unknownSteps")
    void stepsWithUnknownOutputsDoWhatTheInputWouldHaveDone(Map<String, String> state, KvInput input,
            Map<String, String> next) {
        assertThat(kv.stepUnknownOutput(state, input)).contains(next);
    }

    /** The hint must hold in every state a single-key partition reaches, or the search would be unsound. */
    @Test
    void onlyPutsOverwriteAKeysState() {
        List<Map<String, String>> states = List.of(Map.of(), Map.of("x", "1"), Map.of("x", "2"));
        KvInput put = new KvInput.Put("x", "3");

        assertThat(kv.overwritesState(put)).isTrue();
        assertThat(states).allSatisfy(s -> {
            assertThat(kv.step(s, put, null)).contains(Map.of("x", "3"));
            assertThat(kv.stepUnknownOutput(s, put)).contains(Map.of("x", "3"));
        });
        assertThat(kv.overwritesState(new KvInput.Get("x"))).isFalse();
        assertThat(kv.overwritesState(new KvInput.Cas("x", null, "1"))).isFalse();
    }

    @Test
    void rejectsOutputsOfTheWrongType() {
        assertThatThrownBy(() -> kv.step(Map.of(), new KvInput.Get("x"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a get's output is the String read or null, but got 1");
        assertThatThrownBy(() -> kv.step(Map.of(), new KvInput.Cas("x", null, "1"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a cas's output is a Boolean, but got null");
    }

    @Test
    void partitionsByKeyInOrderOfFirstUse() {
        List<Operation<KvInput, Object>> ops = KvHistory.history()
                .put(0, "y", "1", 0, 1)
                .get(1, "x", null, 0, 1)
                .put(2, "y", "2", 2, 3)
                .cas(0, "z", null, "1", true, 4, 5)
                .get(1, "x", null, 6, 7)
                .build();

        List<List<Operation<KvInput, Object>>> partitions = kv.partition(ops);

        assertThat(partitions).containsExactly(
                List.of(ops.get(0), ops.get(2)), List.of(ops.get(1), ops.get(4)), List.of(ops.get(3)));
        assertThat(partitions).map(kv::describePartition).containsExactly("key \"y\"", "key \"x\"", "key \"z\"");
    }

    @Test
    void describesOperationsAndStates() {
        List<Operation<KvInput, Object>> ops = KvHistory.history()
                .get(0, "x", null, 0, 1)
                .get(0, "x", "1", 0, 1)
                .put(0, "x", "1", 0, 1)
                .cas(0, "x", null, "1", true, 0, 1)
                .cas(0, "x", "1", "2", false, 0, 1)
                .putUnknown(0, "x", "1", 0)
                .build();

        assertThat(ops).map(kv::describeOperation).containsExactly(
                "get(\"x\") -> absent",
                "get(\"x\") -> \"1\"",
                "put(\"x\", \"1\") -> ok",
                "cas(\"x\", absent -> \"1\") -> true",
                "cas(\"x\", \"1\" -> \"2\") -> false",
                "put(\"x\", \"1\") -> ? (outcome unknown)");
        assertThat(kv.describeState(Map.of())).isEqualTo("every key absent");
        assertThat(kv.describeState(Map.of("y", "2", "x", "1"))).isEqualTo("\"x\" = \"1\", \"y\" = \"2\"");
    }
}
