package dev.berth.framework.queue;

import static dev.berth.framework.queue.TestPods.pod;
import static dev.berth.framework.queue.TestPods.withLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.QueuedPodInfo;
import dev.berth.framework.api.QueueingHint;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulingQueueTest {

    private static final ClusterEvent NODE_ADD = ClusterEvent.of(ClusterEvent.NODE, ActionType.ADD);
    private static final ClusterEvent POD_DELETE = ClusterEvent.of(ClusterEvent.ASSIGNED_POD, ActionType.DELETE);
    private static final Duration MS = Duration.ofMillis(1);

    private final FakeClock clock = new FakeClock();
    private final AtomicBoolean gateOpen = new AtomicBoolean(true);
    private final FakePolicy policy = new FakePolicy()
            .gate(p -> gateOpen.get() && noSchedulingGates(p)
                    ? Status.SUCCESS
                    : Status.unresolvable("gated").withPlugin(FakePolicy.GATE_PLUGIN))
            .register("Fit", ClusterEventWithHint.of(NODE_ADD))
            .register("Skip", new ClusterEventWithHint(NODE_ADD, (p, o, n) -> QueueingHint.QUEUE_SKIP))
            .register("Broken", new ClusterEventWithHint(NODE_ADD, (p, o, n) -> {
                throw new IllegalStateException("boom");
            }));
    private final AtomicInteger wakeUps = new AtomicInteger();
    private SchedulingQueue queue = newQueue(TestPods.BY_PRIORITY);

    private static boolean noSchedulingGates(Pod pod) {
        return pod.getSpec().getSchedulingGates() == null || pod.getSpec().getSchedulingGates().isEmpty();
    }

    private SchedulingQueue newQueue(Comparator<QueuedPodInfo> order) {
        SchedulingQueue q = new SchedulingQueue(order, clock, QueueOptions.defaults(), Map.of(QueuedPod.DEFAULT_PROFILE, policy));
        q.setOnActive(wakeUps::incrementAndGet);
        return q;
    }

    /** Pops the head and hands it back as rejected by {@code plugins} (none: failed with an error). */
    private QueuedPod popAndFail(String... plugins) {
        QueuedPod popped = queue.pop().orElseThrow();
        long cycle = queue.schedulingCycle();
        popped.setUnschedulablePlugins(Set.of(plugins));
        queue.addUnschedulableIfNotPresent(popped, cycle);
        return popped;
    }

    /** The sub-queue {@code name} waits in, or "none". */
    private String whereIs(String name) {
        return queue.pendingPods().stream().filter(p -> p.name().equals(name)).map(PendingPod::queue).findFirst().orElse("none");
    }

    private List<String> popAll() {
        List<String> names = new ArrayList<>();
        for (var next = queue.pop(); next.isPresent(); next = queue.pop()) {
            names.add(next.get().pod().getMetadata().getName());
        }
        return names;
    }

    @Nested
    class ActiveQ {

        static Stream<Arguments> orders() {
            return Stream.of(
                    Arguments.of("priority, then timestamp", TestPods.BY_PRIORITY, List.of("high", "mid", "low-old", "low-new")),
                    Arguments.of("FIFO", TestPods.FIFO, List.of("low-old", "mid", "high", "low-new")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("orders")
        void popsInTheComparatorsOrder(String name, Comparator<QueuedPodInfo> order, List<String> expected) {
            queue = newQueue(order);
            for (Pod p : List.of(pod("low-old", 1), pod("mid", 5), pod("high", 10), pod("low-new", 1))) {
                queue.add(p);
                clock.advance(Duration.ofSeconds(1));
            }

            assertThat(popAll()).isEqualTo(expected);
        }

        @Test
        void podsTheOrderRanksEqualPopFirstInFirstOut() {
            queue = newQueue(TestPods.FIFO);
            List.of("c", "a", "d", "b").forEach(n -> queue.add(pod(n)));

            assertThat(popAll()).containsExactly("c", "a", "d", "b");
        }

        @Test
        void popCountsAttemptsAndSchedulingCycles() {
            Instant firstTry = clock.instant();
            queue.add(pod("a"));

            QueuedPod first = queue.pop().orElseThrow();
            assertThat(first.attempts()).isEqualTo(1);
            assertThat(queue.schedulingCycle()).isEqualTo(1);
            assertThat(first.initialAttemptTimestamp()).isEqualTo(firstTry);

            queue.addUnschedulableIfNotPresent(first, 1);
            clock.advance(Duration.ofSeconds(1));
            queue.flushBackoffQCompleted();
            QueuedPod second = queue.pop().orElseThrow();

            assertThat(second.attempts()).isEqualTo(2);
            assertThat(queue.schedulingCycle()).isEqualTo(2);
            assertThat(second.initialAttemptTimestamp()).isEqualTo(firstTry);
        }

        @Test
        void popOfEmptyQueueIsEmptyAndStartsNoCycle() {
            assertThat(queue.pop()).isEmpty();
            assertThat(queue.schedulingCycle()).isZero();
        }

        @Test
        void poppedPodIsNoLongerPending() {
            queue.add(pod("a"));
            queue.pop();

            assertThat(queue.contains("uid-a")).isFalse();
            assertThat(queue.pendingCounts().total()).isZero();
        }
    }

    @Nested
    class BackoffQ {

        @Test
        void errorPodsBackOffExponentiallyUntilFlushedAfterExpiry() {
            queue.add(pod("a"));
            for (long seconds : new long[] {1, 2, 4, 8, 10, 10}) {
                popAndFail();
                assertThat(whereIs("a")).isEqualTo("backoff");

                clock.advance(Duration.ofSeconds(seconds).minus(MS));
                queue.flushBackoffQCompleted();
                assertThat(whereIs("a")).as("before %ss", seconds).isEqualTo("backoff");

                clock.advance(MS);
                queue.flushBackoffQCompleted();
                assertThat(whereIs("a")).as("after %ss", seconds).isEqualTo("active");
            }
        }

        @Test
        void flushMovesOnlyExpiredPodsInExpiryOrder() {
            queue = newQueue(TestPods.FIFO);
            queue.add(pod("a"));
            queue.add(pod("b"));
            popAndFail();
            clock.advance(Duration.ofMillis(500));
            popAndFail();

            clock.advance(Duration.ofMillis(500));
            queue.flushBackoffQCompleted();

            assertThat(whereIs("a")).isEqualTo("active");
            assertThat(whereIs("b")).isEqualTo("backoff");
        }

        @Test
        void flushThatActivatesAPodWakesTheLoop() {
            queue.add(pod("a"));
            popAndFail();
            int before = wakeUps.get();

            clock.advance(Duration.ofSeconds(1));
            queue.flushBackoffQCompleted();

            assertThat(wakeUps.get()).isEqualTo(before + 1);
        }
    }

    @Nested
    class UnschedulablePods {

        @Test
        void rejectedPodWaitsForAHelpfulEventThenBacksOff() {
            queue.add(pod("a"));
            popAndFail("Fit");
            assertThat(whereIs("a")).isEqualTo("unschedulable");

            queue.moveAllToActiveOrBackoffQueue(NODE_ADD, null, null);
            assertThat(whereIs("a")).isEqualTo("backoff");

            clock.advance(Duration.ofSeconds(1));
            queue.flushBackoffQCompleted();
            assertThat(whereIs("a")).isEqualTo("active");
        }

        @Test
        void podWhoseBackoffEndedMovesStraightToActive() {
            queue.add(pod("a"));
            popAndFail("Fit");
            clock.advance(Duration.ofSeconds(1));
            int before = wakeUps.get();

            queue.moveAllToActiveOrBackoffQueue(NODE_ADD, null, null);

            assertThat(whereIs("a")).isEqualTo("active");
            assertThat(wakeUps.get()).isEqualTo(before + 1);
        }

        static Stream<Arguments> events() {
            return Stream.of(
                    Arguments.of("Fit", NODE_ADD, "backoff"),
                    Arguments.of("Fit", POD_DELETE, "unschedulable"),
                    Arguments.of("Skip", NODE_ADD, "unschedulable"),
                    Arguments.of("Broken", NODE_ADD, "backoff"),
                    Arguments.of("NoEnqueueExtensions", POD_DELETE, "backoff"),
                    Arguments.of("Skip", ClusterEvent.UNSCHEDULABLE_TIMEOUT, "backoff"));
        }

        @ParameterizedTest(name = "rejected by {0}, {1} -> {2}")
        @MethodSource("events")
        void eventMovesPodOnlyIfItsRejectorsHintSaysQueue(String plugin, ClusterEvent event, String expected) {
            queue.add(pod("a"));
            popAndFail(plugin);

            queue.moveAllToActiveOrBackoffQueue(event, null, null);

            assertThat(whereIs("a")).isEqualTo(expected);
        }

        @Test
        void hintSeesThePodAndBothObjects() {
            List<Object> seen = new ArrayList<>();
            policy.register("Spy", new ClusterEventWithHint(NODE_ADD, (p, o, n) -> {
                seen.addAll(List.of(p.getMetadata().getName(), o, n));
                return QueueingHint.QUEUE_SKIP;
            }));
            queue.add(pod("a"));
            popAndFail("Spy");

            queue.moveAllToActiveOrBackoffQueue(NODE_ADD, "old", "new");

            assertThat(seen).containsExactly("a", "old", "new");
        }

        @Test
        void moveRequestDuringThePodsAttemptSendsItToBackoff() {
            queue.add(pod("a"));
            QueuedPod popped = queue.pop().orElseThrow();
            long cycle = queue.schedulingCycle();
            queue.moveAllToActiveOrBackoffQueue(POD_DELETE, null, null);

            popped.setUnschedulablePlugins(Set.of("Fit"));
            queue.addUnschedulableIfNotPresent(popped, cycle);

            assertThat(whereIs("a")).isEqualTo("backoff");
        }

        @Test
        void moveRequestBeforeThePodsAttemptDoesNotCount() {
            queue.add(pod("a"));
            queue.moveAllToActiveOrBackoffQueue(POD_DELETE, null, null);

            popAndFail("Fit");

            assertThat(whereIs("a")).isEqualTo("unschedulable");
        }

        @Test
        void podsWaitingLongerThanTheLimitAreFlushed() {
            queue.add(pod("a"));
            popAndFail("Skip");

            clock.advance(Duration.ofMinutes(5));
            queue.flushUnschedulablePodsLeftover();
            assertThat(whereIs("a")).isEqualTo("unschedulable");

            clock.advance(MS);
            queue.flushUnschedulablePodsLeftover();
            assertThat(whereIs("a")).isEqualTo("active");
        }

        @Test
        void podAlreadyQueuedIsNotAddedTwice() {
            queue.add(pod("a"));
            QueuedPod stale = queue.pop().orElseThrow();
            queue.done(stale.uid());
            queue.add(pod("a"));

            stale.setUnschedulablePlugins(Set.of("Fit"));
            queue.addUnschedulableIfNotPresent(stale, 1);

            assertThat(queue.pendingCounts()).isEqualTo(new PendingCounts(1, 0, 0, 0));
        }

        @Test
        void activateMovesPodsFromUnschedulableAndBackoff() {
            queue.add(pod("a"));
            queue.add(pod("b"));
            popAndFail("Skip");
            popAndFail();
            int before = wakeUps.get();

            queue.activate(List.of(pod("a"), pod("b"), pod("unknown")));

            assertThat(queue.pendingCounts()).isEqualTo(new PendingCounts(2, 0, 0, 0));
            assertThat(wakeUps.get()).isEqualTo(before + 1);
        }
    }

    @Nested
    class Gating {

        private final Pod gated = TestPods.withSchedulingGate(pod("g"), "example.com/wait");

        @Test
        void podRejectedByPreEnqueueIsParkedAsGated() {
            queue.add(gated);

            assertThat(queue.pendingCounts()).isEqualTo(new PendingCounts(0, 0, 0, 1));
            assertThat(queue.pendingPods()).singleElement()
                    .satisfies(p -> assertThat(p.gatingPlugin()).isEqualTo(FakePolicy.GATE_PLUGIN));
            assertThat(queue.pop()).isEmpty();
            assertThat(wakeUps.get()).isZero();
        }

        @Test
        void updateThatRemovesTheGateActivatesThePod() {
            queue.add(gated);

            queue.update(gated, TestPods.withoutSchedulingGates(gated));

            assertThat(whereIs("g")).isEqualTo("active");
            assertThat(queue.pendingPods()).singleElement().satisfies(p -> assertThat(p.gatingPlugin()).isNull());
            assertThat(wakeUps.get()).isEqualTo(1);
        }

        @Test
        void updateThatKeepsTheGateKeepsThePodGated() {
            queue.add(gated);

            queue.update(gated, withLabel(gated, "app", "x"));

            assertThat(whereIs("g")).isEqualTo("gated");
        }

        @Test
        void eventReChecksTheGate() {
            gateOpen.set(false);
            queue.add(pod("a"));
            queue.moveAllToActiveOrBackoffQueue(NODE_ADD, null, null);
            assertThat(whereIs("a")).isEqualTo("gated");

            gateOpen.set(true);
            queue.moveAllToActiveOrBackoffQueue(NODE_ADD, null, null);
            assertThat(whereIs("a")).isEqualTo("active");
        }

        @Test
        void backoffFlushPassesTheGateToo() {
            queue.add(pod("a"));
            popAndFail();
            gateOpen.set(false);

            clock.advance(Duration.ofSeconds(1));
            queue.flushBackoffQCompleted();

            assertThat(whereIs("a")).isEqualTo("gated");
        }

        @Test
        void throwingPreEnqueueGatesInsteadOfLosingThePod() {
            policy.gate(p -> {
                throw new IllegalStateException("boom");
            });

            queue.add(pod("a"));

            assertThat(whereIs("a")).isEqualTo("gated");
        }
    }

    @Nested
    class Updates {

        @Test
        void podOfAnUnknownProfileIsIgnored() {
            Pod other = new PodBuilder(TestPods.withNominatedNode(pod("o"), "n1")).editSpec().withSchedulerName("other").endSpec().build();

            queue.add(other);
            queue.update(other, withLabel(other, "k", "v"));

            assertThat(queue.contains("uid-o")).isFalse();
            assertThat(queue.pendingCounts().total()).isZero();
            assertThat(queue.nominatedPodsForNode("n1")).isEmpty();
            assertThat(wakeUps.get()).isZero();
        }

        @Test
        void updateInActiveQReordersThePod() {
            Pod a = pod("a", 1);
            queue.add(a);
            queue.add(pod("b", 5));

            queue.update(a, pod("a", 10));

            assertThat(popAll()).containsExactly("a", "b");
        }

        @Test
        void addOfAQueuedPodActsAsUpdate() {
            queue.add(pod("a", 1));
            queue.add(pod("b", 5));

            queue.add(pod("a", 10));

            assertThat(queue.pendingCounts().active()).isEqualTo(2);
            assertThat(popAll()).containsExactly("a", "b");
        }

        @Test
        void updateInBackoffQKeepsThePodBackingOff() {
            Pod a = pod("a");
            queue.add(a);
            popAndFail();

            queue.update(a, withLabel(a, "app", "x"));

            assertThat(whereIs("a")).isEqualTo("backoff");
            clock.advance(Duration.ofSeconds(1));
            queue.flushBackoffQCompleted();
            assertThat(queue.pop().orElseThrow().pod().getMetadata().getLabels()).containsEntry("app", "x");
        }

        static Stream<Arguments> unschedulableUpdates() {
            return Stream.of(
                    Arguments.of("labels changed", (UnaryOperator<Pod>) p -> withLabel(p, "app", "x"), "backoff"),
                    Arguments.of("spec changed", (UnaryOperator<Pod>) p -> new PodBuilder(p).editSpec().withPriority(7).endSpec().build(), "backoff"),
                    Arguments.of("status only", (UnaryOperator<Pod>) p -> TestPods.withStatusMessage(p, "still pending"), "unschedulable"));
        }

        @ParameterizedTest(name = "{0} -> {2}")
        @MethodSource("unschedulableUpdates")
        void updateOfUnschedulablePodRetriesItOnlyIfItMayHelp(String name, UnaryOperator<Pod> change, String expected) {
            Pod a = pod("a");
            queue.add(a);
            popAndFail("Skip");
            Pod changed = change.apply(a);

            queue.update(a, changed);

            assertThat(whereIs("a")).isEqualTo(expected);
            queue.activate(List.of(a));
            assertThat(queue.pop().orElseThrow().pod()).isEqualTo(changed);
        }

        @Test
        void updateOfAnUntrackedPodAddsIt() {
            queue.update(null, pod("a"));

            assertThat(whereIs("a")).isEqualTo("active");
        }

        @Test
        void updateDuringTheAttemptIsRememberedForItsReturn() {
            Pod a = pod("a");
            queue.add(a);
            QueuedPod popped = queue.pop().orElseThrow();
            long cycle = queue.schedulingCycle();

            queue.update(a, withLabel(a, "app", "x"));
            assertThat(queue.contains("uid-a")).isFalse();

            popped.setUnschedulablePlugins(Set.of("Skip"));
            queue.addUnschedulableIfNotPresent(popped, cycle);
            assertThat(whereIs("a")).isEqualTo("backoff");
            assertThat(popped.pod().getMetadata().getLabels()).containsEntry("app", "x");
        }

        @Test
        void doneEndsTheAttemptSoLaterUpdatesQueueThePodAgain() {
            Pod a = pod("a");
            queue.add(a);
            queue.pop();

            queue.done("uid-a");
            queue.update(a, withLabel(a, "app", "x"));

            assertThat(whereIs("a")).isEqualTo("active");
        }
    }

    @Nested
    class Deletes {

        private void place(String where) {
            switch (where) {
                case "active" -> queue.add(pod("a"));
                case "backoff" -> {
                    queue.add(pod("a"));
                    popAndFail();
                }
                case "unschedulable" -> {
                    queue.add(pod("a"));
                    popAndFail("Fit");
                }
                case "gated" -> queue.add(TestPods.withSchedulingGate(pod("a"), "wait"));
                default -> throw new IllegalArgumentException(where);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"active", "backoff", "unschedulable", "gated"})
        void deleteRemovesThePodFrom(String where) {
            place(where);
            assertThat(whereIs("a")).isEqualTo(where);

            queue.delete(pod("a"));

            assertThat(queue.contains("uid-a")).isFalse();
            assertThat(queue.pendingCounts().total()).isZero();
        }

        @Test
        void podDeletedDuringItsAttemptIsNotRequeued() {
            queue.add(pod("a"));
            QueuedPod popped = queue.pop().orElseThrow();

            queue.delete(pod("a"));
            queue.addUnschedulableIfNotPresent(popped, queue.schedulingCycle());

            assertThat(queue.contains("uid-a")).isFalse();
        }

        @Test
        void deleteDropsTheNomination() {
            Pod a = TestPods.withNominatedNode(pod("a"), "n1");
            queue.add(a);

            queue.delete(a);

            assertThat(queue.nominatedPodsForNode("n1")).isEmpty();
        }
    }

    @Nested
    class Nominations {

        private List<String> nominated(String node) {
            return queue.nominatedPodsForNode(node).stream().map(p -> p.pod().getMetadata().getName()).toList();
        }

        @Test
        void podsOfANodeComeHighestPriorityFirst() {
            queue.addNominatedPod(PodInfo.of(pod("low", 1)), "n1");
            queue.addNominatedPod(PodInfo.of(pod("none")), "n1");
            queue.addNominatedPod(PodInfo.of(pod("high", 100)), "n1");
            queue.addNominatedPod(PodInfo.of(pod("mid", 50)), "n1");

            assertThat(nominated("n1")).containsExactly("high", "mid", "low", "none");
            assertThat(nominated("n2")).isEmpty();
        }

        @Test
        void renominationReplacesTheOldNomination() {
            queue.addNominatedPod(PodInfo.of(pod("a")), "n1");
            queue.addNominatedPod(PodInfo.of(pod("a")), "n2");

            assertThat(nominated("n1")).isEmpty();
            assertThat(nominated("n2")).containsExactly("a");
        }

        @Test
        void returnsAnImmutableViewThatLaterChangesDoNotTouch() {
            queue.addNominatedPod(PodInfo.of(pod("a")), "n1");
            var view = queue.nominatedPodsForNode("n1");

            queue.addNominatedPod(PodInfo.of(pod("b")), "n1");

            assertThat(view).extracting(PodInfo::key).containsExactly("ns/a");
            org.assertj.core.api.Assertions.assertThatThrownBy(view::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThat(nominated("n1")).containsExactlyInAnyOrder("a", "b");
        }

        @Test
        void deleteNominatedPodIfExistsDropsIt() {
            queue.addNominatedPod(PodInfo.of(pod("a")), "n1");
            queue.addNominatedPod(PodInfo.of(pod("b")), "n1");

            queue.deleteNominatedPodIfExists(pod("a"));
            queue.deleteNominatedPodIfExists(pod("never-nominated"));

            assertThat(nominated("n1")).containsExactly("b");
        }

        @Test
        void statusNominationIsFollowedOnAddAndUpdate() {
            Pod a = TestPods.withNominatedNode(pod("a"), "n1");
            queue.add(a);
            assertThat(nominated("n1")).containsExactly("a");

            Pod moved = TestPods.withNominatedNode(a, "n2");
            queue.update(a, moved);
            assertThat(nominated("n1")).isEmpty();
            assertThat(nominated("n2")).containsExactly("a");

            queue.update(moved, TestPods.withNominatedNode(a, null));
            assertThat(nominated("n2")).isEmpty();
        }

        @Test
        void inMemoryNominationSurvivesUpdatesWithoutAStatusNomination() {
            Pod a = pod("a");
            queue.add(a);
            queue.addNominatedPod(PodInfo.of(a), "n1");

            queue.update(a, withLabel(a, "app", "x"));

            assertThat(queue.nominatedPodsForNode("n1")).singleElement()
                    .satisfies(p -> assertThat(p.pod().getMetadata().getLabels()).containsEntry("app", "x"));
        }

        @Test
        void boundPodIsNotNominated() {
            Pod bound = new PodBuilder(pod("a")).editSpec().withNodeName("n1").endSpec().build();

            queue.addNominatedPod(PodInfo.of(bound), "n1");

            assertThat(nominated("n1")).isEmpty();
        }
    }

    @Nested
    class Introspection {

        @Test
        void pendingPodsReportsEverySubQueue() {
            queue.add(pod("active"));
            queue.add(pod("backoff", 3));
            queue.add(pod("unschedulable", 2));
            popAndFail();
            popAndFail("Fit");
            queue.add(TestPods.withSchedulingGate(pod("gated"), "wait"));

            assertThat(queue.pendingPods())
                    .extracting(PendingPod::name, PendingPod::queue, PendingPod::attempts, PendingPod::unschedulablePlugins)
                    .containsExactly(
                            tuple("active", "active", 0, Set.of()),
                            tuple("backoff", "backoff", 1, Set.of()),
                            tuple("unschedulable", "unschedulable", 1, Set.of("Fit")),
                            tuple("gated", "gated", 0, Set.of()));
            assertThat(queue.pendingCounts()).isEqualTo(new PendingCounts(1, 1, 1, 1));
        }

        @Test
        void onActiveFiresOnlyWhenAPodEntersActiveQ() {
            queue.add(pod("a"));
            assertThat(wakeUps.get()).isEqualTo(1);

            queue.add(TestPods.withSchedulingGate(pod("g"), "wait"));
            popAndFail("Fit");
            queue.moveAllToActiveOrBackoffQueue(NODE_ADD, null, null);
            assertThat(wakeUps.get()).as("gated add and a move to backoffQ").isEqualTo(1);
        }

        @Test
        void closeStopsPopsAndNotifications() {
            queue.close();

            queue.add(pod("a"));

            assertThat(queue.pop()).isEmpty();
            assertThat(wakeUps.get()).isZero();
            assertThat(queue.contains("uid-a")).isTrue();
        }
    }
}
