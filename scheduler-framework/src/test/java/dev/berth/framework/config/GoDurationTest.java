package dev.berth.framework.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoDurationTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("15s", Duration.ofSeconds(15)),
                Arguments.of("1m30s", Duration.ofSeconds(90)),
                Arguments.of("100ms", Duration.ofMillis(100)),
                Arguments.of("2h", Duration.ofHours(2)),
                Arguments.of("1.5h", Duration.ofMinutes(90)),
                Arguments.of(".5s", Duration.ofMillis(500)),
                Arguments.of("1h2m3s4ms5us6ns", Duration.ofHours(1).plusMinutes(2).plusSeconds(3).plusMillis(4).plusNanos(5_006)),
                Arguments.of("7\u00b5s", Duration.ofNanos(7_000)),
                Arguments.of("7\u03bcs", Duration.ofNanos(7_000)),
                Arguments.of("1.0000000009s", Duration.ofSeconds(1)),
                Arguments.of("0", Duration.ZERO),
                Arguments.of("-1s", Duration.ofSeconds(-1)),
                Arguments.of("+5m", Duration.ofMinutes(5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesGoDurations(String text, Duration expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("10x", "invalid duration \"10x\": unknown unit \"x\" (use ns, us, ms, s, m or h)"),
                Arguments.of("1m30", "invalid duration \"1m30\": missing unit after 30 (use ns, us, ms, s, m or h)"),
                Arguments.of("10", "invalid duration \"10\": missing unit after 10 (use ns, us, ms, s, m or h)"),
                Arguments.of("", "invalid duration \"\": expected a number followed by a unit (use ns, us, ms, s, m or h)"),
                Arguments.of("-", "invalid duration \"-\": expected a number followed by a unit (use ns, us, ms, s, m or h)"),
                Arguments.of("s", "invalid duration \"s\": expected a number at offset 0"),
                Arguments.of("1..5s", "invalid duration \"1..5s\": expected a number at offset 0"),
                Arguments.of("1s.m", "invalid duration \"1s.m\": expected a number at offset 2"),
                Arguments.of("3000000h", "invalid duration \"3000000h\": out of range"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsMalformedDurations(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
