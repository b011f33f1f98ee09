package dev.berth.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client-side rate limit: a burst passes at once, then requests come qps a second. */
class TokenBucketTest {

    @ParameterizedTest(name = "qps {0}, burst {1}: {2} requests at once")
    @CsvSource({
            // qps, burst, requests, wait of the last one (ms)
            "10,  5,  5,     0",
            "10,  5,  6,   100",
            "10,  5,  25, 2000",
            "50, 100, 100,   0",
            "50, 100, 150, 1000",
            "1,   1,  3,  2000",
    })
    void theLastOfABurstWaitsForTheTokensItLacks(double qps, int burst, int requests, long expectedMillis) {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        TokenBucket bucket = new TokenBucket(new ApiRateLimit(qps, burst), now::get);
        long wait = 0;
        for (int i = 0; i < requests; i++) {
            wait = bucket.reserve();
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(wait)).isEqualTo(expectedMillis);
    }

    @Test
    void tokensComeBackWithTimeButNoMoreThanTheBurst() {
        AtomicLong now = new AtomicLong(0);
        TokenBucket bucket = new TokenBucket(new ApiRateLimit(10, 3), now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.reserve()).isZero();
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.reserve()).isZero();
        }
        assertThat(bucket.reserve()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void concurrentCallersOnTheRealClockKeepTheRate() throws Exception {
        TokenBucket bucket = new TokenBucket(new ApiRateLimit(20, 5), System::nanoTime);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                calls.add(callers.submit(bucket::acquire));
            }
            for (Future<?> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // 5 at once, the other 20 at 20 a second: one second at least.
        assertThat(seconds).isBetween(0.95, 5.0);
    }
}
