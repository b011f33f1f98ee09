package dev.berth.framework.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueueOptionsTest {

    private static final Duration S1 = Duration.ofSeconds(1);
    private static final Duration S10 = Duration.ofSeconds(10);
    private static final Duration M5 = Duration.ofMinutes(5);

    @Test
    void defaultsAreUpstreams() {
        assertThat(QueueOptions.defaults()).isEqualTo(new QueueOptions(S1, S10, M5));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(null, S10, M5, "podInitialBackoff"),
                Arguments.of(Duration.ZERO, S10, M5, "podInitialBackoff"),
                Arguments.of(S1, Duration.ofSeconds(-1), M5, "podMaxBackoff"),
                Arguments.of(S1, S10, Duration.ZERO, "podMaxInUnschedulablePodsDuration"),
                Arguments.of(S10, S1, M5, "podMaxBackoff"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("invalid")
    void rejectsInvalidDurationsNamingTheField(Duration initial, Duration max, Duration unschedulable, String field) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new QueueOptions(initial, max, unschedulable))
                .withMessageStartingWith(field);
    }

    @Test
    void acceptsMaxEqualToInitial() {
        assertThat(new QueueOptions(S1, S1, M5).podMaxBackoff()).isEqualTo(S1);
    }
}
