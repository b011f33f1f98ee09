package dev.berth.plugins.capacityscheduling;

import static dev.berth.plugins.capacityscheduling.Fixtures.MID_PRIORITY;
import static dev.berth.plugins.capacityscheduling.Fixtures.cpuMem;
import static dev.berth.plugins.capacityscheduling.Fixtures.info;
import static dev.berth.plugins.capacityscheduling.Fixtures.pod;
import static dev.berth.plugins.capacityscheduling.Fixtures.res;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.Resource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream's elasticquota_test.go: TestReserveResource, TestUnReserveResource, TestUsedOverMinWith,
 * TestUsedOverMaxWith, TestUsedOverMin and TestNewElasticQuotaInfo.
 */
class ElasticQuotaInfoTest {

    private static final long MAX = ElasticQuotaInfo.UPPER_BOUND_OF_MAX;

    private static final List<Pod> PODS = List.of(
            pod("t1-p1", "ns1", 50, 1000, 1, MID_PRIORITY, "node-a").build(),
            pod("t1-p2", "ns2", 100, 2000, 0, MID_PRIORITY, "node-a").build(),
            pod("t1-p3", "ns2", 0, 0, 2, MID_PRIORITY, "node-a").build());

    @Test
    void reserveResourceAddsEachPodsRequests() {
        ElasticQuotaInfo eq = info("ns1", null, null, res(1000, 200, 2), Set.of());
        PODS.forEach(eq::addPodIfNotPresent);
        assertThat(eq.used()).isEqualTo(res(4000, 350, 5));
        assertThat(eq.pods()).containsExactlyInAnyOrder("t1-p1", "t1-p2", "t1-p3");
    }

    @Test
    void unreserveResourceSubtractsEachPodsRequests() {
        ElasticQuotaInfo eq = info("ns1", null, null, res(4000, 200, 5), Set.of("t1-p1", "t1-p2", "t1-p3"));
        PODS.forEach(eq::deletePodIfPresent);
        assertThat(eq.used()).isEqualTo(res(1000, 50, 2));
        assertThat(eq.pods()).isEmpty();
    }

    @Test
    void aPodIsCountedOnceAndOnlyUncountedIfCounted() {
        ElasticQuotaInfo eq = info("ns1", null, null, new Resource(), Set.of());
        eq.addPodIfNotPresent(PODS.get(0));
        eq.addPodIfNotPresent(PODS.get(0));
        eq.deletePodIfPresent(PODS.get(1));
        assertThat(eq.used()).isEqualTo(res(1000, 50, 1));
    }

    static Stream<Arguments> usedOverMinWith() {
        return Stream.of(
                Arguments.of("Sum Of PodRequest And Used Is Bigger Than Min",
                        info("ns1", res(3000, 100, 5), null, res(4000, 200, 5), Set.of()), res(1500, 100, 0), true),
                Arguments.of("Sum Of PodRequest And Used Is Not Bigger Than Min",
                        info("ns1", res(4000, 200, 5), null, res(300, 100, 5), Set.of()), res(100, 50, 0), false),
                Arguments.of("ElasticQuotaInfo Doesn't Have Min",
                        info("ns1", null, null, res(3900, 100, 5), Set.of()), res(100, 100, 0), true),
                Arguments.of("Used And Min Don't Have GPU Value",
                        info("ns1", res(3000, 100, 0), null, res(10, 10, 0), Set.of()), res(10, 10, 5), true),
                Arguments.of("EphemeralStorage",
                        info("ns1", withStorage(res(3000, 100, 0), 100), null, withStorage(res(10, 10, 0), 10), Set.of()),
                        withStorage(res(10, 10, 0), 10), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void usedOverMinWith(String name, ElasticQuotaInfo eq, Resource request, boolean expected) {
        assertThat(eq.usedOverMinWith(request)).isEqualTo(expected);
    }

    static Stream<Arguments> usedOverMaxWith() {
        return Stream.of(
                Arguments.of("Sum Of PodRequest And Used Is Bigger Than Max",
                        info("ns1", null, res(4000, 200, 5), res(4000, 200, 5), Set.of()), res(100, 100, 0), true),
                Arguments.of("Sum Of PodRequest And Used Is Not Bigger Than Max",
                        info("ns1", null, res(4000, 200, 5), res(3900, 100, 5), Set.of()), res(100, 100, 0), false),
                Arguments.of("ElasticQuotaInfo Doesn't Have Max",
                        info("ns1", null, null, res(3900, 100, 5), Set.of()), res(100, 100, 0), false),
                Arguments.of("Used And Max Don't Have GPU Value",
                        info("ns1", null, res(3000, 100, 0), res(10, 10, 0), Set.of()), res(10, 10, 5), false),
                Arguments.of("EphemeralStorage",
                        info("ns1", null, withStorage(res(3000, 100, 0), 100), withStorage(res(10, 10, 0), 10), Set.of()),
                        withStorage(res(10, 10, 0), 100), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void usedOverMaxWith(String name, ElasticQuotaInfo eq, Resource request, boolean expected) {
        assertThat(eq.usedOverMaxWith(request)).isEqualTo(expected);
    }

    static Stream<Arguments> usedOverMin() {
        return Stream.of(
                Arguments.of("Used Is Bigger Than Min", info("ns1", res(3000, 300, 5), null, res(4000, 200, 5), Set.of()), true),
                Arguments.of("Used Is Not Bigger Than Min", info("ns1", res(4000, 200, 5), null, res(300, 100, 5), Set.of()), false),
                Arguments.of("ElasticQuotaInfo Doesn't Have Min", info("ns1", null, null, res(3900, 100, 5), Set.of()), true),
                Arguments.of("Used Has GPU But Min Doesn't Have GPU", info("ns1", res(4000, 200, 0), null, res(300, 100, 5), Set.of()), true),
                Arguments.of("EphemeralStorage", info("ns1", withStorage(res(4000, 200, 0), 10), null,
                        withStorage(res(300, 100, 0), 100), Set.of()), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void usedOverMin(String name, ElasticQuotaInfo eq, boolean expected) {
        assertThat(eq.usedOverMin()).isEqualTo(expected);
    }

    static Stream<Arguments> newElasticQuotaInfo() {
        Resource unsetMax = withStorage(new Resource(MAX, MAX), MAX);
        Resource unsetMin = withStorage(new Resource(0, 0), 0);
        return Stream.of(
                Arguments.of("ElasticQuota", cpuMem(100, 1000), cpuMem(10, 100), new Resource(100, 1000), new Resource(10, 100)),
                Arguments.of("ElasticQuota Without Max", null, cpuMem(10, 100), unsetMax, new Resource(10, 100)),
                Arguments.of("ElasticQuota Without Min", cpuMem(100, 1000), null, new Resource(100, 1000), unsetMin),
                Arguments.of("ElasticQuota Without Max and Min", null, null, unsetMax, unsetMin));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void newElasticQuotaInfo(String name, Map<String, String> max, Map<String, String> min, Resource wantMax, Resource wantMin) {
        ElasticQuota eq = Fixtures.quota("ns1", max, min);
        ElasticQuotaInfo got = ElasticQuotaInfo.of("ns1", eq.getSpec().min(), eq.getSpec().max());
        assertThat(got.namespace()).isEqualTo("ns1");
        assertThat(got.max()).isEqualTo(wantMax);
        assertThat(got.min()).isEqualTo(wantMin);
        assertThat(got.used()).isEqualTo(new Resource());
        assertThat(got.pods()).isEmpty();
    }

    private static Resource withStorage(Resource r, long storage) {
        r.set(Resource.EPHEMERAL_STORAGE, storage);
        return r;
    }
}
