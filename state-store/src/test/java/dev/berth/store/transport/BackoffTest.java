package dev.berth.store.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static Backoff backoff(double random) {
        return new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), () -> random);
    }

    @Test
    void doublesUpToTheCapWhenJitterIsAtItsTop() {
        Backoff backoff = backoff(0.999_999);

        assertThat(new long[] {backoff.nextDelayMillis(), backoff.nextDelayMillis(), backoff.nextDelayMillis(),
                backoff.nextDelayMillis(), backoff.nextDelayMillis(), backoff.nextDelayMillis(),
                backoff.nextDelayMillis(), backoff.nextDelayMillis()})
                .containsExactly(49, 99, 199, 399, 799, 1599, 1999, 1999);
    }

    @Test
    void jitterKeepsDelaysInTheUpperHalfOfTheCeiling() {
        Backoff low = backoff(0);

        assertThat(low.nextDelayMillis()).isEqualTo(25);
        assertThat(low.nextDelayMillis()).isEqualTo(50);
    }

    @Test
    void resetStartsOverAfterAConnection() {
        Backoff backoff = backoff(0);
        for (int i = 0; i < 10; i++) {
            backoff.nextDelayMillis();
        }

        backoff.reset();

        assertThat(backoff.nextDelayMillis()).isEqualTo(25);
    }
}
