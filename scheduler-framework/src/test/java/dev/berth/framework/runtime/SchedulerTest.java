package dev.berth.framework.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.EventRecord;
import dev.berth.framework.api.PermitResult;
import dev.berth.framework.api.Status;
import dev.berth.framework.api.WaitingPod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private SchedulerHarness h;

    @BeforeEach
    void setUp() {
        h = new SchedulerHarness();
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private List<String> reasons(String podName) {
        return h.cluster.events().stream()
                .filter(e -> podName.equals(e.regardingName()))
                .map(EventRecord::reason).toList();
    }

    @Test
    void bindsThePodToTheBestScoredNodeAndReportsIt() {
        h.addNode("a");
        h.addNode("b");
        h.addNode("c");
        TestPlugins.SCORES.put("a", 10L);
        TestPlugins.SCORES.put("b", 50L);
        TestPlugins.SCORES.put("c", 20L);
        h.addPod("web");

        h.runUntilIdle();

        assertThat(h.nodeOf("web")).isEqualTo("b");
        assertThat(TestPlugins.RESERVATIONS).containsExactly("reserve:web@b");
        assertThat(reasons("web")).containsExactly("Scheduled");
        assertThat(h.cluster.events().get(0).note()).isEqualTo("Successfully assigned default/web to b");
        assertThat(h.meters.get("scheduler_schedule_attempts").tag("result", "scheduled").counter().count()).isEqualTo(1);
        assertThat(h.scheduler.cache().assumedPodUids()).isEmpty();
    }

    @Test
    void higherPriorityPodsAreScheduledFirst() {
        h.cluster.create(SchedulerHarness.pod("low", 1));
        h.cluster.create(SchedulerHarness.pod("high", 100));
        h.cluster.create(SchedulerHarness.pod("mid", 50));
        h.addNode("a");

        h.runUntilIdle();

        assertThat(h.cluster.boundPods()).extracting(p -> p.getMetadata().getName()).containsExactly("high", "mid", "low");
    }

    @Test
    void unschedulablePodGetsUpstreamMessageAndComesBackOnANodeEvent() {
        h.addNode("a");
        h.addNode("b");
        Node c = h.addNode("c");
        TestPlugins.REJECT.put("a", Status.unschedulable("Insufficient cpu"));
        TestPlugins.REJECT.put("b", Status.unschedulable("Insufficient cpu"));
        TestPlugins.REJECT.put("c", Status.unresolvable("node(s) had untolerated taint {dedicated: db}"));
        h.addPod("web");

        h.runUntilIdle();

        assertThat(h.nodeOf("web")).isNull();
        var condition = h.podScheduled("web").orElseThrow();
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("Unschedulable");
        assertThat(condition.getMessage())
                .isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 2 Insufficient cpu.");
        assertThat(reasons("web")).containsExactly("FailedScheduling");
        assertThat(h.scheduler.queue().pendingCounts().unschedulable()).isEqualTo(1);

        TestPlugins.REJECT.remove("c");
        h.cluster.update(new NodeBuilder(c).editMetadata().addToLabels("fixed", "yes").endMetadata().build());
        h.passBackoff();
        h.runUntilIdle();

        assertThat(h.nodeOf("web")).isEqualTo("c");
    }

    @Test
    void noNodesAtAllIsReported() {
        h.addPod("web");
        h.runUntilIdle();
        assertThat(h.podScheduled("web").orElseThrow().getMessage()).isEqualTo("no nodes available to schedule pods");
    }

    @Test
    void permitWaitHoldsThePodUntilAllowed() {
        h.addNode("a");
        TestPlugins.permit = pod -> PermitResult.waitFor(Duration.ofSeconds(10));
        Pod web = h.addPod("web");

        h.runUntilIdle();
        assertThat(h.nodeOf("web")).isNull();
        WaitingPod waiting = h.scheduler.frameworks().get("default-scheduler").waitingPods().get(web.getMetadata().getUid()).orElseThrow();
        assertThat(waiting.pendingPlugins()).containsExactly("Gate");
        assertThat(h.scheduler.cache().isAssumedPod(waiting.pod())).isTrue();

        waiting.allow("Gate");

        assertThat(h.nodeOf("web")).isEqualTo("a");
        assertThat(h.scheduler.frameworks().get("default-scheduler").waitingPods().get(web.getMetadata().getUid())).isEmpty();
    }

    /** Upstream's PodsToActivate: a pod no event would retry (here, in backoff) is moved to activeQ at the end of the cycle. */
    @Test
    void podsAPluginActivatesAreRetriedAtOnce() {
        h.addNode("a");
        TestPlugins.REJECT.put("a", Status.unschedulable("not yet"));
        Pod sleeper = h.addPod("sleeper");
        h.runUntilIdle();
        TestPlugins.REJECT.clear();
        h.addPod("web");
        h.runUntilIdle();
        assertThat(h.nodeOf("sleeper")).as("still in backoff").isNull();

        TestPlugins.ACTIVATE_AT_PERMIT.add(sleeper);
        h.addPod("activator");
        h.runUntilIdle();

        assertThat(h.nodeOf("activator")).isEqualTo("a");
        assertThat(h.nodeOf("sleeper")).isEqualTo("a");
    }

    @Test
    void permitTimeoutRejectsUnreservesAndRequeues() {
        h.addNode("a");
        TestPlugins.permit = pod -> PermitResult.waitFor(Duration.ofSeconds(10));
        h.addPod("web");
        h.runUntilIdle();

        h.time.advance(Duration.ofSeconds(9));
        assertThat(TestPlugins.RESERVATIONS).containsExactly("reserve:web@a");
        h.time.advance(Duration.ofSeconds(1));

        assertThat(TestPlugins.RESERVATIONS).containsExactly("reserve:web@a", "unreserve:web@a");
        assertThat(h.podScheduled("web").orElseThrow().getMessage()).isEqualTo("rejected due to timeout after waiting 10s at plugin Gate");
        assertThat(h.scheduler.cache().assumedPodUids()).isEmpty();
        assertThat(h.scheduler.queue().contains(h.current("web").getMetadata().getUid())).isTrue();

        TestPlugins.permit = pod -> PermitResult.allow();
        h.passBackoff();
        h.runUntilIdle();
        assertThat(h.nodeOf("web")).isEqualTo("a");
    }

    @Test
    void permitRejectionByAnotherPluginReleasesTheReservation() {
        h.addNode("a");
        TestPlugins.permit = pod -> PermitResult.waitFor(Duration.ofMinutes(1));
        Pod web = h.addPod("web");
        h.runUntilIdle();

        h.scheduler.frameworks().get("default-scheduler").waitingPods().get(web.getMetadata().getUid()).orElseThrow()
                .reject("Coscheduling", "gang timed out");

        assertThat(TestPlugins.RESERVATIONS).containsExactly("reserve:web@a", "unreserve:web@a");
        assertThat(h.podScheduled("web").orElseThrow().getMessage()).isEqualTo("gang timed out");
    }

    @Test
    void bindFailureUnreservesForgetsAndRetriesWithBackoff() {
        h.addNode("a");
        TestPlugins.bindOutcome = pod -> Status.error("apiserver unavailable");
        h.addPod("web");

        h.runUntilIdle();

        assertThat(TestPlugins.RESERVATIONS).containsExactly("reserve:web@a", "unreserve:web@a");
        assertThat(h.scheduler.cache().assumedPodUids()).isEmpty();
        var condition = h.podScheduled("web").orElseThrow();
        assertThat(condition.getReason()).isEqualTo("SchedulerError");
        assertThat(condition.getMessage()).contains("apiserver unavailable");
        assertThat(h.scheduler.queue().pendingCounts().backoff()).isEqualTo(1);

        TestPlugins.bindOutcome = pod -> Status.SUCCESS;
        h.runUntilIdle();
        assertThat(h.nodeOf("web")).as("still backing off").isNull();
        h.passBackoff();
        h.runUntilIdle();
        assertThat(h.nodeOf("web")).isEqualTo("a");
    }

    @Test
    void aThrowingPluginFailsThatPodOnlyAndTheSchedulerGoesOn() {
        String yaml = SchedulerHarness.DEFAULT_PROFILE.replace("- name: NodeScore", "- name: NodeScore\n      - name: Exploding");
        h.close();
        h = new SchedulerHarness(yaml, SchedulerOptions.defaults().withHostSelection(HostSelection.FIRST_BY_NAME, 1));
        h.addNode("a");
        TestPlugins.EXPLODE_ON.add("a");
        h.addPod("first");
        h.runUntilIdle();

        var condition = h.podScheduled("first").orElseThrow();
        assertThat(condition.getReason()).isEqualTo("SchedulerError");
        assertThat(condition.getMessage()).isEqualTo(
                "running \"Exploding\" Filter plugin: plugin \"Exploding\" threw at Filter: java.lang.IllegalStateException: boom on a");

        TestPlugins.EXPLODE_ON.clear();
        h.addPod("second");
        h.runUntilIdle();
        assertThat(h.nodeOf("second")).isEqualTo("a");
    }

    @Test
    void aPluginPastItsTimeLimitBecomesAnError() {
        String yaml = SchedulerHarness.DEFAULT_PROFILE.replace("- name: NodeScore", "- name: NodeScore\n      - name: Sleepy");
        h.close();
        h = new SchedulerHarness(yaml, SchedulerOptions.defaults().withHostSelection(HostSelection.FIRST_BY_NAME, 1)
                .withTimeouts(Duration.ofMillis(100), Duration.ofSeconds(10)));
        h.addNode("a");
        TestPlugins.sleep = Duration.ofSeconds(30);
        h.addPod("web");

        long start = System.nanoTime();
        h.runUntilIdle();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(h.podScheduled("web").orElseThrow().getMessage())
                .isEqualTo("running \"Sleepy\" Filter plugin: plugin \"Sleepy\" exceeded the Filter time limit of 100ms");
    }

    @Test
    void podsOfOtherSchedulersAreLeftAlone() {
        h.addNode("a");
        Pod other = new PodBuilder(SchedulerHarness.pod("theirs", 0)).editSpec().withSchedulerName("someone-else").endSpec().build();
        h.cluster.create(other);
        h.addPod("ours");

        h.runUntilIdle();

        assertThat(h.nodeOf("ours")).isEqualTo("a");
        assertThat(h.nodeOf("theirs")).isNull();
        assertThat(h.current("theirs").getStatus()).isNull();
    }

    @Test
    void severalProfilesScheduleTheirOwnPods() {
        String yaml = SchedulerHarness.DEFAULT_PROFILE + """
                - schedulerName: berth
                  plugins:
                    multiPoint:
                      enabled:
                      - name: PrioritySort
                      - name: NodeScore
                      - name: Binder
                """;
        h.close();
        h = new SchedulerHarness(yaml, SchedulerOptions.defaults().withHostSelection(HostSelection.FIRST_BY_NAME, 1));
        h.addNode("a");
        TestPlugins.REJECT.put("a", Status.unschedulable("not for default"));
        h.addPod("plain");
        h.cluster.create(new PodBuilder(SchedulerHarness.pod("berthy", 0)).editSpec().withSchedulerName("berth").endSpec().build());

        h.runUntilIdle();

        assertThat(h.nodeOf("berthy")).as("the berth profile has no NodeFilter").isEqualTo("a");
        assertThat(h.nodeOf("plain")).isNull();
    }

    @Test
    void randomTieBreakingSpreadsPodsOverEqualNodes() {
        h.close();
        h = new SchedulerHarness(SchedulerHarness.DEFAULT_PROFILE, SchedulerOptions.defaults().withHostSelection(HostSelection.RANDOM, 42));
        for (String n : List.of("a", "b", "c", "d")) {
            h.addNode(n);
        }
        for (int i = 0; i < 40; i++) {
            h.addPod("p" + i);
        }
        h.runUntilIdle();

        Set<String> used = new HashSet<>();
        h.cluster.boundPods().forEach(p -> used.add(p.getSpec().getNodeName()));
        assertThat(used).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void filteringResumesWhereTheLastPodStopped() {
        String yaml = SchedulerHarness.DEFAULT_PROFILE.replace("profiles:", "percentageOfNodesToScore: 50\nprofiles:");
        h.close();
        h = new SchedulerHarness(yaml, SchedulerOptions.defaults().withHostSelection(HostSelection.FIRST_BY_NAME, 1), 1);
        for (int i = 0; i < 200; i++) {
            h.addNode(String.format("n%03d", i));
        }
        h.addPod("first");
        h.runUntilIdle();
        h.addPod("second");
        h.runUntilIdle();

        assertThat(h.nodeOf("first")).isEqualTo("n000");
        assertThat(h.nodeOf("second")).as("the second search starts after the 100 nodes the first one took").isEqualTo("n100");
    }

    @Test
    void assumedPodsTheClusterNeverConfirmsExpire() {
        String yaml = SchedulerHarness.DEFAULT_PROFILE.replace("- name: Binder", "- name: SilentBinder");
        h.close();
        h = new SchedulerHarness(yaml, SchedulerOptions.defaults()
                .withHostSelection(HostSelection.FIRST_BY_NAME, 1).withAssumedPodTtl(Duration.ofSeconds(5)));
        h.addNode("a");
        h.addPod("web");
        h.runUntilIdle();
        assertThat(h.scheduler.cache().assumedPodUids()).hasSize(1);

        h.time.advance(Duration.ofSeconds(4));
        h.scheduler.cleanupExpiredAssumedPods();
        assertThat(h.scheduler.cache().assumedPodUids()).hasSize(1);

        h.time.advance(Duration.ofSeconds(2));
        h.scheduler.cleanupExpiredAssumedPods();
        assertThat(h.scheduler.cache().assumedPodUids()).isEmpty();
        assertThat(h.scheduler.cache().podCount()).isZero();
    }
}
