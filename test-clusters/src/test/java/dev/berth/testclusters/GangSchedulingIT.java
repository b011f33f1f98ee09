package dev.berth.testclusters;

import static dev.berth.testclusters.TestPods.BERTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Gang scheduling (Coscheduling and a PodGroup) all-or-nothing: a gang short of its minMember gets no pod bound; the
 * member that completes it gets them all bound. Runs only where Berth's profile enables Coscheduling, which the
 * default profile does not (docs/plugins.md); on the embedded target
 * {@code -Dberth.scheduler.config=test-clusters/src/test/resources/coscheduling-profile.yaml} enables it.
 */
class GangSchedulingIT extends EndToEndTest {
    private static final String COSCHEDULING = "Coscheduling";
    private static final String POD_GROUP_LABEL = "scheduling.x-k8s.io/pod-group";
    private static final ResourceDefinitionContext POD_GROUPS = new ResourceDefinitionContext.Builder()
            .withGroup("scheduling.x-k8s.io").withVersion("v1alpha1").withPlural("podgroups").withKind("PodGroup")
            .withNamespaced(true).build();
    /** Long enough that a scheduler which binds gang members one by one would have bound the first ones. */
    private static final Duration HOLD = Duration.ofSeconds(3);

    @Override
    void requirements(RunningCluster cluster) {
        Assumptions.assumeTrue(cluster.profile().enablesAtPermit(COSCHEDULING), "Berth's profile on the " + cluster.target()
                + " cluster does not enable Coscheduling (the default profile does not; see docs/plugins.md and"
                + " -Dberth.scheduler.config in docs/test-clusters.md)");
    }

    @Test
    void aGangIsBoundWholeOrNotAtAll() throws InterruptedException {
        client.genericKubernetesResources(POD_GROUPS).inNamespace(namespace.name()).resource(podGroup("trio", 3)).create();
        List<String> first = List.of("trio-0", "trio-1");
        first.forEach(n -> TestPods.create(client, namespace.name(), member(n, "trio")));

        first.forEach(n -> TestPods.awaitUnschedulable(client, namespace.name(), n));
        Thread.sleep(HOLD.toMillis());
        assertThat(first).as("a gang short of minMember has no pod bound").allSatisfy(n ->
                assertThat(TestPods.get(client, namespace.name(), n).orElseThrow().getSpec().getNodeName()).isNull());

        TestPods.create(client, namespace.name(), member("trio-2", "trio"));
        assertThat(TestPods.awaitBound(client, namespace.name(), List.of("trio-0", "trio-1", "trio-2"))).hasSize(3);
    }

    private static GenericKubernetesResource podGroup(String name, int minMember) {
        return new GenericKubernetesResourceBuilder().withApiVersion("scheduling.x-k8s.io/v1alpha1").withKind("PodGroup")
                .withNewMetadata().withName(name).endMetadata()
                .addToAdditionalProperties("spec", Map.of("minMember", minMember, "scheduleTimeoutSeconds", 30))
                .build();
    }

    private static PodBuilder member(String name, String group) {
        return TestPods.pod(name, BERTH, 10).editMetadata().addToLabels(POD_GROUP_LABEL, group).endMetadata();
    }
}
