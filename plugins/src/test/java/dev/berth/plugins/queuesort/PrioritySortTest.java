package dev.berth.plugins.queuesort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.QueuedPodInfo;
import dev.berth.plugins.testing.MakePod;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases of upstream's TestLess (queuesort/priority_sort_test.go). */
class PrioritySortTest {

    private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T2 = T1.plusSeconds(1);

    private static QueuedPodInfo queued(Integer priority, Instant timestamp) {
        MakePod m = MakePod.pod("p");
        if (priority != null) {
            m.priority(priority);
        }
        PodInfo info = PodInfo.of(m.build());
        return new QueuedPodInfo() {
            @Override
            public PodInfo podInfo() {
                return info;
            }

            @Override
            public Instant timestamp() {
                return timestamp;
            }

            @Override
            public Instant initialAttemptTimestamp() {
                return timestamp;
            }

            @Override
            public int attempts() {
                return 0;
            }

            @Override
            public Set<String> unschedulablePlugins() {
                return Set.of();
            }
        };
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("p1.priority less than p2.priority", queued(100, T1), queued(200, T1), false),
                Arguments.of("p1.priority greater than p2.priority", queued(200, T1), queued(100, T1), true),
                Arguments.of("equal priority. p1 is added to schedulingQ earlier than p2", queued(100, T1), queued(100, T2), true),
                Arguments.of("equal priority. p2 is added to schedulingQ earlier than p1", queued(100, T2), queued(100, T1), false),
                Arguments.of("no priority counts as 0", queued(null, T1), queued(1, T2), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void less(String name, QueuedPodInfo p1, QueuedPodInfo p2, boolean expected) {
        assertThat(new PrioritySort().less(p1, p2)).isEqualTo(expected);
    }
}
