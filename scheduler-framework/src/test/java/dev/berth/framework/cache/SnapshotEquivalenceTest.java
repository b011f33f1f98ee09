package dev.berth.framework.cache;

import static dev.berth.framework.cache.CacheFixtures.affinityPod;
import static dev.berth.framework.cache.CacheFixtures.antiAffinityPod;
import static dev.berth.framework.cache.CacheFixtures.names;
import static dev.berth.framework.cache.CacheFixtures.node;
import static dev.berth.framework.cache.CacheFixtures.onNode;
import static dev.berth.framework.cache.CacheFixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.NodeInfo;
import dev.berth.framework.api.PodInfo;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random operations on the cache: after every incremental {@link SchedulerCache#updateSnapshot} the
 * long-lived snapshot must equal one filled from scratch, and both must agree with a snapshot built
 * directly from the objects the test put in.
 */
class SnapshotEquivalenceTest {

    private static final int NODES = 50;
    private static final int OPERATIONS = 500;
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final List<String> ZONES = List.of("", "a", "b", "c");
    private static final List<String> TIERS = List.of("web", "db", "cache");
    private static final List<String> IMAGES = List.of("nginx", "redis", "pause", "busybox", "envoy");

    /** A pod as the test expects the cache to hold it. */
    private record ModelPod(Pod pod, boolean assumed) {
    }

    private final CacheTestClock clock = new CacheTestClock();
    private final SchedulerCache cache = new SchedulerCache(clock, TTL);
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, ModelPod> pods = new HashMap<>();
    private final Snapshot incremental = new Snapshot();
    private Random random;
    private int nextUid;
    private int snapshotChecks;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void incrementalSnapshotEqualsFreshSnapshot(long seed) {
        random = new Random(seed);
        for (int i = 0; i < OPERATIONS; i++) {
            runRandomOperation();
            if (random.nextInt(3) == 0) {
                cache.updateSnapshot(incremental);
                checkSnapshot();
            }
        }
        assertThat(snapshotChecks).isGreaterThan(OPERATIONS / 5);
        assertThat(cache.podCount()).isEqualTo(pods.size());
        assertThat(cache.nodeCount()).isEqualTo(nodes.size());
    }

    private void runRandomOperation() {
        switch (random.nextInt(12)) {
            case 0, 1 -> addNode();
            case 2 -> someNode().ifPresent(this::updateNode);
            case 3 -> someNode().ifPresent(this::removeNode);
            case 4, 5 -> addPod();
            case 6, 7 -> assumePod();
            case 8 -> somePod(ModelPod::assumed).ifPresent(this::confirmPod);
            case 9 -> somePod(ModelPod::assumed).ifPresent(p -> if50(() -> cache.finishBinding(p.pod()), () -> forgetPod(p)));
            case 10 -> somePod(Predicate.not(ModelPod::assumed)).ifPresent(p -> if50(() -> updatePod(p), () -> removePod(p)));
            default -> expire();
        }
    }

    private void addNode() {
        String name = "n" + random.nextInt(NODES);
        if (!nodes.containsKey(name)) {
            Node node = randomNode(name);
            cache.addNode(node);
            nodes.put(name, node);
        }
    }

    private void updateNode(String name) {
        Node node = randomNode(name);
        cache.updateNode(nodes.get(name), node);
        nodes.put(name, node);
    }

    private void removeNode(String name) {
        cache.removeNode(nodes.remove(name));
    }

    private void addPod() {
        Pod pod = randomPod("n" + random.nextInt(NODES));
        cache.addPod(pod);
        pods.put(uid(pod), new ModelPod(pod, false));
    }

    private void assumePod() {
        Pod pod = randomPod("n" + random.nextInt(NODES));
        cache.assumePod(PodInfo.of(pod));
        pods.put(uid(pod), new ModelPod(pod, true));
    }

    private void confirmPod(ModelPod assumed) {
        Pod bound = random.nextInt(4) == 0 ? onNode(assumed.pod(), "n" + random.nextInt(NODES)) : assumed.pod();
        cache.addPod(bound);
        pods.put(uid(bound), new ModelPod(bound, false));
    }

    private void forgetPod(ModelPod assumed) {
        cache.forgetPod(assumed.pod());
        pods.remove(uid(assumed.pod()));
    }

    private void updatePod(ModelPod bound) {
        Pod updated = randomPod(bound.pod().getSpec().getNodeName(), uid(bound.pod()));
        cache.updatePod(bound.pod(), updated);
        pods.put(uid(updated), new ModelPod(updated, false));
    }

    private void removePod(ModelPod bound) {
        cache.removePod(bound.pod());
        pods.remove(uid(bound.pod()));
    }

    private void expire() {
        clock.advance(Duration.ofSeconds(random.nextInt(20)));
        cache.cleanupExpiredAssumedPods().forEach(pod -> assertThat(pods.remove(uid(pod)).assumed()).isTrue());
    }

    private void checkSnapshot() {
        snapshotChecks++;
        Snapshot fresh = new Snapshot();
        cache.updateSnapshot(fresh);
        assertThat(incremental.generation()).isEqualTo(fresh.generation());
        assertThat(names(incremental.list())).isEqualTo(names(fresh.list()));
        assertThat(names(incremental.havePodsWithAffinity())).isEqualTo(names(fresh.havePodsWithAffinity()));
        assertThat(names(incremental.havePodsWithRequiredAntiAffinity())).isEqualTo(names(fresh.havePodsWithRequiredAntiAffinity()));
        for (int i = 0; i < fresh.list().size(); i++) {
            NodeInfo expected = fresh.list().get(i);
            NodeInfo actual = incremental.list().get(i);
            assertThat(incremental.get(expected.nodeName())).containsSame(actual);
            assertThat(actual.generation()).isEqualTo(expected.generation());
            assertThat(actual.node()).isSameAs(expected.node());
            assertThat(uids(actual)).isEqualTo(uids(expected));
            assertThat(actual.requested()).isEqualTo(expected.requested());
            assertThat(actual.nonZeroRequested()).isEqualTo(expected.nonZeroRequested());
            assertThat(actual.imageStates()).isEqualTo(expected.imageStates());
            assertThat(actual.podLabels()).isEqualTo(expected.podLabels());
        }
        checkAgainstModel(fresh);
    }

    /** The cache holds what the test put in: compared with a snapshot built straight from those objects. */
    private void checkAgainstModel(Snapshot fromCache) {
        Snapshot direct = Snapshot.of(List.copyOf(nodes.values()), pods.values().stream().map(ModelPod::pod).toList());
        assertThat(Set.copyOf(names(fromCache.list()))).isEqualTo(nodes.keySet());
        for (NodeInfo expected : direct.list()) {
            NodeInfo actual = fromCache.get(expected.nodeName()).orElseThrow();
            assertThat(Set.copyOf(uids(actual))).isEqualTo(Set.copyOf(uids(expected)));
            assertThat(actual.requested()).isEqualTo(expected.requested());
            assertThat(actual.allocatable()).isEqualTo(expected.allocatable());
            assertThat(actual.imageStates()).isEqualTo(expected.imageStates());
            assertThat(actual.podLabels()).isEqualTo(expected.podLabels());
        }
    }

    private Node randomNode(String name) {
        List<String> images = IMAGES.stream().filter(image -> random.nextBoolean()).toList();
        return node(name, ZONES.get(random.nextInt(ZONES.size())), String.valueOf(1 + random.nextInt(8)), images);
    }

    private Pod randomPod(String nodeName) {
        return randomPod(nodeName, "uid-" + nextUid++);
    }

    private Pod randomPod(String nodeName, String uid) {
        long milliCpu = 1 + random.nextInt(1000);
        Pod pod = switch (random.nextInt(4)) {
            case 0 -> affinityPod(uid, nodeName, milliCpu);
            case 1 -> antiAffinityPod(uid, nodeName, milliCpu);
            default -> pod(uid, nodeName, milliCpu);
        };
        // Varied labels, so the pod label indexes have something to disagree about.
        return new PodBuilder(pod).editMetadata().addToLabels("tier", TIERS.get(random.nextInt(TIERS.size()))).endMetadata().build();
    }

    private Optional<String> someNode() {
        return pick(nodes.keySet().stream().sorted().toList());
    }

    private Optional<ModelPod> somePod(Predicate<ModelPod> filter) {
        return pick(pods.values().stream().filter(filter).sorted(Comparator.comparing(p -> uid(p.pod()))).toList());
    }

    /** A random element of a sorted list, so the pick depends only on the seed, not on hash order. */
    private <T> Optional<T> pick(List<T> candidates) {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    private void if50(Runnable first, Runnable second) {
        if (random.nextBoolean()) {
            first.run();
        } else {
            second.run();
        }
    }

    private static List<String> uids(NodeInfo info) {
        return info.pods().stream().map(PodInfo::uid).toList();
    }

    private static String uid(Pod pod) {
        return pod.getMetadata().getUid();
    }
}
