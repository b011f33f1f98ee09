package dev.berth.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ring of in-flight appends behind a leader's per-follower window. */
class InflightsTest {

    @Test
    void fullAtTheMessageLimitAndRefusesMore() {
        Inflights in = new Inflights(10, 0);
        for (long i = 1; i <= 9; i++) {
            in.add(i, 100);
            assertThat(in.full()).isFalse();
        }
        in.add(10, 100);

        assertThat(in.full()).isTrue();
        assertThatThrownBy(() -> in.add(11, 1)).isInstanceOf(IllegalStateException.class);
    }

    /** Ten slots with indexes 1..5 added and 1..3 freed: the next eight wrap around the end of the ring. */
    @ParameterizedTest(name = "freeTo({0}) leaves {1}")
    @MethodSource("freesAfterWraparound")
    void freeToWorksAcrossTheWraparound(long freeTo, int remaining) {
        Inflights in = new Inflights(10, 0);
        for (long i = 1; i <= 5; i++) {
            in.add(i, 1);
        }
        in.freeTo(3);
        for (long i = 6; i <= 13; i++) {
            in.add(i, 1);
        }
        assertThat(in.count()).isEqualTo(10);
        assertThat(in.full()).isTrue();

        in.freeTo(freeTo);

        assertThat(in.count()).isEqualTo(remaining);
        assertThat(in.full()).isEqualTo(remaining == 10);
    }

    static Stream<Arguments> freesAfterWraparound() {
        return Stream.of(
                arguments(0L, 10),
                arguments(3L, 10),
                arguments(4L, 9),
                arguments(9L, 4),
                arguments(12L, 1),
                arguments(13L, 0),
                arguments(100L, 0));
    }

    @Test
    void freeFirstFreesTheOldestOnly() {
        Inflights in = new Inflights(3, 0);
        in.add(4, 1);
        in.add(7, 1);
        in.add(9, 1);

        in.freeFirst();
        assertThat(in.count()).isEqualTo(2);
        in.freeTo(7);
        assertThat(in.count()).isEqualTo(1);
        in.freeFirst();
        in.freeFirst();
        assertThat(in.count()).isZero();
    }

    @Test
    void byteLimitMakesItFullBeforeTheMessageLimit() {
        Inflights in = new Inflights(10, 100);
        in.add(1, 40);
        in.add(2, 50);
        assertThat(in.full()).isFalse();

        in.add(3, 10);
        assertThat(in.full()).as("100 of 100 bytes").isTrue();

        in.freeTo(1);
        assertThat(in.full()).isFalse();
    }

    @Test
    void zeroByteLimitMeansNoByteLimit() {
        Inflights in = new Inflights(2, 0);
        in.add(1, Long.MAX_VALUE / 2);

        assertThat(in.full()).isFalse();
    }

    @Test
    void resetEmptiesIt() {
        Inflights in = new Inflights(2, 100);
        in.add(1, 10);
        in.add(2, 10);
        assertThat(in.full()).isTrue();

        in.reset();

        assertThat(in.count()).isZero();
        assertThat(in.full()).isFalse();
        in.add(3, 5);
        assertThat(in.count()).isEqualTo(1);
    }
}
