package dev.berth.plugins.coscheduling;

import static dev.berth.plugins.coscheduling.Fixtures.T0;
import static dev.berth.plugins.coscheduling.Fixtures.member;
import static dev.berth.plugins.coscheduling.Fixtures.podGroup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import dev.berth.framework.cache.Snapshot;
import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.framework.config.SchedulerConfigLoader;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.metrics.SchedulerMetrics;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.framework.runtime.ExecutorParallelizer;
import dev.berth.framework.runtime.HostSelection;
import dev.berth.framework.runtime.PluginTimeouts;
import dev.berth.framework.runtime.Scheduler;
import dev.berth.framework.runtime.SchedulerOptions;
import dev.berth.plugins.DefaultPlugins;
import dev.berth.plugins.testing.MakeNode;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two gangs competing for room for one, through the real scheduler: default plugins plus Coscheduling
 * as upstream's docs enable it. Two nodes fit one pod each; each of two gangs of two needs both. Binding runs on the scheduling thread and Permit timers never fire, so whatever resolves
 * the contention is Coscheduling itself, not a timeout.
 */
@Timeout(30)
class GangSchedulingTest {

    // Named against their age, so that the queue's name order cannot explain which gang wins.
    private static final String OLDER = "gang-b";
    private static final String NEWER = "gang-a";

    /** More cycles than the four pods could ever need: a scheduler still busy after this is livelocked. */
    private static final int MAX_CYCLES = 200;

    private final InMemoryCluster cluster = new InMemoryCluster();
    private final PluginTimeouts timeouts = new PluginTimeouts(Duration.ofSeconds(1));
    private final Scheduler scheduler;

    GangSchedulingTest() {
        PluginRegistry registry = DefaultPlugins.registry(getClass().getClassLoader());
        SchedulerConfiguration config = new SchedulerConfigLoader(registry.names(), DefaultPlugins.multiPoint()).parse(Fixtures.COSCHEDULING_PROFILE);
        scheduler = new Scheduler(config, registry, cluster, InstantSource.system(), SchedulerMetrics.noop(),
                SchedulerOptions.defaults().withHostSelection(HostSelection.FIRST_BY_NAME, 1),
                new ExecutorParallelizer(Runnable::run, 1), Runnable::run, (delay, action) -> () -> { }, timeouts);
        scheduler.start();
        cluster.create(MakeNode.node("node-1").capacity(Map.of("cpu", "1", "pods", "110")).build());
        cluster.create(MakeNode.node("node-2").capacity(Map.of("cpu", "1", "pods", "110")).build());
        cluster.create(podGroup("default", OLDER, 2, T0, null));
        cluster.create(podGroup("default", NEWER, 2, T0.plusSeconds(1), null));
    }

    @AfterEach
    void close() {
        scheduler.close();
        timeouts.close();
    }

    @Test
    void theOlderGangIsScheduledWholeAndTheOtherWaitsWithNothingReserved() {
        createMembers(NEWER, OLDER);

        runUntilIdle();

        assertBound(OLDER);
        assertPendingWithNothingReserved(NEWER);
    }

    /**
     * The deadlock upstream's Coscheduling is known for: the newer gang got a node and waits at Permit
     * when the older gang arrives, jumps ahead in the queue and takes the other node. Its second pod
     * fits nowhere, so PostFilter rejects its waiting pod, that node goes back, and the newer gang
     * completes on it.
     */
    @Test
    void aGangHoldingANodeAtPermitGivesItBackSoTheOtherCompletes() {
        createMembers(NEWER);
        assertThat(scheduler.scheduleOne()).isTrue();
        assertThat(scheduler.frameworks().get("default-scheduler").waitingPods().get(NEWER + "-1")).isPresent();

        createMembers(OLDER);
        runUntilIdle();

        assertBound(NEWER);
        assertPendingWithNothingReserved(OLDER);
    }

    /**
     * The first member, alone, is turned away at PreFilter and sleeps among the unschedulable pods; no
     * cluster event wakes it when its sibling arrives. The sibling, waiting at Permit as the group's
     * first placed member, activates it (upstream's ActivateSiblings), so the gang forms at once.
     */
    @Test
    void theFirstMemberToWaitAtPermitActivatesItsSiblings() {
        createMember(OLDER, 1);
        runUntilIdle();
        assertThat(members(OLDER)).singleElement().satisfies(pod -> assertThat(pod.getSpec().getNodeName()).isNull());

        createMember(OLDER, 2);
        runUntilIdle();

        assertBound(OLDER);
    }

    /** Permit rejects a pod whose group does not exist; the group's creation, a PodGroup event, retries it. */
    @Test
    void aPodWhoseGroupIsCreatedLaterIsRetriedByTheGroupsEvent() throws InterruptedException {
        createMember("late", 1);
        runUntilIdle();
        assertThat(members("late")).singleElement().satisfies(pod -> assertThat(pod.getSpec().getNodeName()).isNull());

        cluster.create(podGroup("default", "late", 1, T0, null));

        Instant deadline = Instant.now().plusSeconds(10);
        while (members("late").get(0).getSpec().getNodeName() == null) {
            assertThat(Instant.now()).as("time waiting for the pod to be retried").isBefore(deadline);
            // Its first attempt put it in backoff (1s): the event moves it to backoffQ, the flush on to activeQ.
            scheduler.flushBackoffQCompleted();
            if (!scheduler.scheduleOne()) {
                Thread.sleep(20);
            }
        }
        assertBound("late", 1);
    }

    private void createMembers(String... groups) {
        for (String group : groups) {
            createMember(group, 1);
            createMember(group, 2);
        }
    }

    private void createMember(String group, int index) {
        cluster.create(member("default", group + "-" + index, group).container(Map.of("cpu", "1")).build());
    }

    /** Runs cycles until no pod is ready; rejected pods stay in backoff or the unschedulable pool. */
    private void runUntilIdle() {
        Instant deadline = Instant.now().plusSeconds(20);
        for (int cycles = 0; scheduler.scheduleOne(); cycles++) {
            assertThat(cycles).as("scheduling cycles").isLessThan(MAX_CYCLES);
            assertThat(Instant.now()).as("time spent scheduling").isBefore(deadline);
        }
    }

    private List<Pod> members(String group) {
        List<Pod> pods = new ArrayList<>();
        for (Pod pod : cluster.list(Pod.class)) {
            if (PodGroup.nameOf(pod).filter(group::equals).isPresent()) {
                pods.add(pod);
            }
        }
        return pods;
    }

    private void assertBound(String group) {
        assertBound(group, 2);
        assertThat(members(group).stream().map(pod -> pod.getSpec().getNodeName())).containsExactlyInAnyOrder("node-1", "node-2");
    }

    private void assertBound(String group, int size) {
        assertThat(members(group)).hasSize(size).allSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isNotNull());
    }

    private void assertPendingWithNothingReserved(String group) {
        assertThat(members(group)).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getSpec().getNodeName()).isNull();
            assertThat(scheduler.cache().getPod(pod)).as("%s in the cache", pod.getMetadata().getName()).isEmpty();
            assertThat(scheduler.frameworks().get("default-scheduler").waitingPods().get(pod.getMetadata().getUid()))
                    .as("%s waiting at Permit", pod.getMetadata().getName()).isEmpty();
        });
        Snapshot snapshot = new Snapshot();
        scheduler.cache().updateSnapshot(snapshot);
        for (NodeInfo node : snapshot.list()) {
            assertThat(node.pods().stream().map(PodInfo::pod).map(PodGroup::nameOf))
                    .as("pods on %s", node.nodeName()).noneMatch(name -> name.filter(group::equals).isPresent());
        }
    }
}
