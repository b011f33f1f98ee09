package dev.berth.framework.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.PodInfo;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    private final Backoff backoff = new Backoff(QueueOptions.defaults());

    @ParameterizedTest(name = "attempts={0} -> {1}s")
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "5, 10", "6, 10", "1000, 10"})
    void doublesFromInitialUpToMax(int attempts, long seconds) {
        assertThat(backoff.duration(attempts)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void neverTriedPodOwesNoBackoff() {
        assertThat(backoff.duration(0)).isZero();
    }

    @Test
    void capsWithoutOverflowForHugeMaximum() {
        Backoff huge = new Backoff(new QueueOptions(Duration.ofSeconds(1), Duration.ofSeconds(Long.MAX_VALUE / 2), Duration.ofMinutes(5)));

        assertThat(huge.duration(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE / 2));
    }

    @Test
    void expiryIsTimestampPlusBackoff() {
        Instant failedAt = Instant.parse("2025-01-01T00:00:00Z");
        QueuedPod pod = new QueuedPod(PodInfo.of(TestPods.pod("a")), failedAt);
        pod.incrementAttempts();
        pod.incrementAttempts();

        assertThat(backoff.expiry(pod)).isEqualTo(failedAt.plusSeconds(2));
    }
}
