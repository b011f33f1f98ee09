package dev.berth.plugins.coscheduling;

import static dev.berth.plugins.coscheduling.Fixtures.T0;
import static dev.berth.plugins.coscheduling.Fixtures.member;
import static dev.berth.plugins.coscheduling.Fixtures.podGroup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterException;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.QueuedPodInfo;
import dev.berth.framework.cache.Snapshot;
import dev.berth.plugins.testing.MakePod;
import dev.berth.plugins.testing.TestHandle;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's TestLess (coscheduling_test.go), and how pods never attempted are ordered. */
class LessTest {

    private static final int LOW = 10;
    private static final int HIGH = 100;
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);

    /** A queued pod first attempted (and queued) at {@code initialAttempt}, as upstream's table gives them. */
    private static QueuedPodInfo queued(MakePod pod, int priority, Instant initialAttempt) {
        return initialAttempt == null ? queuedAt(pod, priority, T0) : queued(pod, priority, initialAttempt, initialAttempt);
    }

    /** A queued pod never attempted yet, queued at {@code queuedAt}. */
    private static QueuedPodInfo queuedAt(MakePod pod, int priority, Instant queuedAt) {
        return queued(pod, priority, queuedAt, Instant.EPOCH);
    }

    private static QueuedPodInfo queued(MakePod pod, int priority, Instant queuedAt, Instant initialAttempt) {
        PodInfo info = PodInfo.of(pod.priority(priority).build());
        return new QueuedPodInfo() {
            @Override
            public PodInfo podInfo() {
                return info;
            }

            @Override
            public Instant timestamp() {
                return queuedAt;
            }

            @Override
            public Instant initialAttemptTimestamp() {
                return initialAttempt;
            }

            @Override
            public int attempts() {
                return Instant.EPOCH.equals(initialAttempt) ? 0 : 1;
            }

            @Override
            public Set<String> unschedulablePlugins() {
                return Set.of();
            }
        };
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("p1.priority less than p2.priority",
                        queued(member("ns1", "p1", null), LOW, null), queued(member("ns2", "p2", null), HIGH, null), List.of(), false),
                Arguments.of("p1.priority greater than p2.priority",
                        queued(member("ns1", "p1", null), HIGH, null), queued(member("ns2", "p2", null), LOW, null), List.of(), true),
                Arguments.of("equal priority. p1 is added to schedulingQ earlier than p2",
                        queued(member("ns1", "p1", null), HIGH, T1), queued(member("ns2", "p2", null), HIGH, T2), List.of(), true),
                Arguments.of("equal priority. p2 is added to schedulingQ earlier than p1",
                        queued(member("ns1", "p1", null), HIGH, T2), queued(member("ns2", "p2", null), HIGH, T1), List.of(), false),
                Arguments.of("p1.priority less than p2.priority, p1 belongs to pg1",
                        queued(member("ns1", "p1", "pg1"), LOW, null), queued(member("ns2", "p2", null), HIGH, null),
                        List.of(podGroup("ns1", "pg1", 0)), false),
                Arguments.of("p1.priority greater than p2.priority, p1 belongs to pg1",
                        queued(member("ns1", "p1", "pg1"), HIGH, null), queued(member("ns2", "p2", null), LOW, null),
                        List.of(podGroup("ns1", "pg1", 0)), true),
                Arguments.of("equal priority. p1 is added to schedulingQ earlier than p2, p1 belongs to pg1",
                        queued(member("ns1", "p1", "pg1"), HIGH, T1), queued(member("ns2", "p2", null), HIGH, T2),
                        List.of(podGroup("ns1", "pg1", 0, T1, null)), true),
                Arguments.of("equal priority. p2 is added to schedulingQ earlier than p1, p1 belongs to pg1",
                        queued(member("ns1", "p1", "pg1"), HIGH, T2), queued(member("ns2", "p2", null), HIGH, T1),
                        List.of(podGroup("ns1", "pg1", 0, T2, null)), false),
                Arguments.of("p1.priority less than p2.priority, p1 belongs to pg1 and p2 belongs to pg2",
                        queued(member("ns1", "p1", "pg1"), LOW, null), queued(member("ns2", "p2", "pg2"), HIGH, null),
                        List.of(podGroup("ns1", "pg1", 0, T1, null), podGroup("ns2", "pg2", 0, T2, null)), false),
                Arguments.of("p1.priority greater than p2.priority, p1 belongs to pg1 and and p2 belongs to pg2",
                        queued(member("ns1", "p1", "pg1"), HIGH, null), queued(member("ns2", "p2", "pg1"), LOW, null),
                        List.of(podGroup("ns1", "pg1", 0, T1, null), podGroup("ns2", "pg2", 0, T2, null)), true),
                Arguments.of("equal priority. p1 is added to schedulingQ earlier than p2, p1 belongs to pg1 and p2 belongs to pg2",
                        queued(member("ns1", "p1", "pg1"), HIGH, T1), queued(member("ns2", "p2", "pg2"), HIGH, T2),
                        List.of(podGroup("ns1", "pg1", 0, T1, null), podGroup("ns2", "pg2", 0, T2, null)), true),
                Arguments.of("equal priority. p2 is added to schedulingQ earlier than p1, p1 belongs to pg2 and p2 belongs to pg1",
                        queued(member("ns", "p1", "pg2"), LOW, T1), queued(member("ns", "p2", "pg1"), HIGH, T2),
                        List.of(podGroup("ns", "pg1", 0, T1, null), podGroup("ns", "pg2", 0, T2, null)), false),
                Arguments.of("equal priority and creation time, p1 belongs pg1 and p2 belong to pg2",
                        queued(member("ns1", "p1", "pg2"), HIGH, T1), queued(member("ns2", "p2", "pg2"), HIGH, T1),
                        List.of(podGroup("ns1", "pg1", 0, T1, null), podGroup("ns2", "pg2", 0, T2, null)), true),
                Arguments.of("equal priority and creation time, and p2 belong to pg2",
                        queued(member("ns1", "p1", null), HIGH, T1), queued(member("ns2", "p2", "pg2"), HIGH, T1),
                        List.of(podGroup("ns2", "pg2", 0, T2, null)), true),
                Arguments.of("one gang, same creation time: by namespace/name",
                        queued(member("ns", "b", "pg1"), HIGH, T1), queued(member("ns", "a", "pg1"), HIGH, T2),
                        List.of(podGroup("ns", "pg1", 0, T0, null)), false),
                Arguments.of("never attempted pods of no group: the earlier queued first",
                        queuedAt(member("ns", "b", null), HIGH, T1), queuedAt(member("ns", "a", null), HIGH, T2), List.of(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void less(String name, QueuedPodInfo p1, QueuedPodInfo p2, List<PodGroup> pgs, boolean want) {
        TestHandle handle = TestHandle.empty();
        pgs.forEach(handle.cluster()::create);
        Coscheduling pl = new Coscheduling(CoschedulingArgs.defaults(), handle, () -> T0);
        assertThat(pl.less(p1, p2)).isEqualTo(want);
    }

    @Test
    void aPodWhoseGroupTheClusterCannotGiveIsOrderedByItsOwnTime() {
        ClusterClient unavailable = (ClusterClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ClusterClient.class}, (proxy, method, args) -> {
                    throw new ClusterException(ClusterException.Reason.UNAVAILABLE, "the server could not find the requested resource");
                });
        PodGroupManager pgMgr = new PodGroupManager(unavailable, Snapshot::new, () -> T0, Duration.ofSeconds(60));

        assertThat(pgMgr.creationTimestamp(member("ns", "p1", "pg1").build(), T1)).isEqualTo(T1);
    }
}
