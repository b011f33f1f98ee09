package dev.berth.shim.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            -2,        <invalid>
            -1,        0s
            0,         0s
            5,         5s
            119,       119s
            120,       2m
            182,       3m2s
            599,       9m59s
            600,       10m
            10799,     179m
            10800,     3h
            14400,     4h
            15000,     4h10m
            28800,     8h
            172799,    47h
            172800,    2d
            183600,    2d3h
            691200,    8d
            63071999,  729d
            63072000,  2y
            64108800,  2y12d
            252288000, 8y
            """)
    void formatsLikeKubectl(long seconds, String expected) {
        assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void partialSecondsTruncateTowardZeroAsGoDoes() {
        assertThat(HumanDuration.format(Duration.ofMillis(-1500))).isEqualTo("0s");
        assertThat(HumanDuration.format(Duration.ofMillis(-2500))).isEqualTo("<invalid>");
        assertThat(HumanDuration.format(Duration.ofMillis(119_999))).isEqualTo("119s");
    }
}
