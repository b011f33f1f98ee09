package dev.berth.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.PluginSetup;
import dev.berth.app.scheduler.SchedulerRuntime;
import dev.berth.app.up.EmbeddedApi;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.registry.PluginRegistry;
import dev.berth.plugins.capacityscheduling.ElasticQuota;
import dev.berth.plugins.capacityscheduling.ElasticQuotaSpec;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CapacityScheduling on the embedded shim through the fabric8 adapter: the plugin's ElasticQuota and pod
 * watches are informers, the quota is created with fabric8's model of the custom resource, and a pod held
 * at its namespace's max is scheduled once a pod of that namespace is deleted.
 */
@Timeout(120)
class CapacitySchedulingOnShimTest {

    private static final String NAMESPACE = "team-a";

    @TempDir
    Path dir;

    @Test
    void aPodHeldAtItsNamespacesMaxIsScheduledOnceAPodOfItsNamespaceIsDeleted() throws Exception {
        try (EmbeddedApi api = EmbeddedApi.start(dir, 1, "127.0.0.1", 0);
             KubernetesClient client = new KubernetesClientBuilder().withConfig(api.clientConfig()).build()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().withNewStatus()
                    .withAllocatable(Map.of("cpu", new Quantity("4"), "pods", new Quantity("110")))
                    .withCapacity(Map.of("cpu", new Quantity("4"), "pods", new Quantity("110"))).endStatus().build()).create();
            ElasticQuota quota = new ElasticQuota();
            quota.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName("quota").build());
            quota.setSpec(new ElasticQuotaSpec(Map.of("cpu", new Quantity("1")), Map.of("cpu", new Quantity("1"))));
            client.resources(ElasticQuota.class).resource(quota).create();

            PluginRegistry registry = PluginSetup.registry(null);
            SchedulerConfiguration config = PluginSetup.configLoader(registry).parse("""
                    apiVersion: kubescheduler.config.k8s.io/v1
                    kind: KubeSchedulerConfiguration
                    leaderElection:
                      leaderElect: false
                    profiles:
                    - schedulerName: berth
                      plugins:
                        multiPoint:
                          enabled:
                          - name: CapacityScheduling
                        postFilter:
                          disabled:
                          - name: DefaultPreemption
                    """);
            try (SchedulerRuntime runtime = SchedulerRuntime.start(client, config, registry, "127.0.0.1", 0, Duration.ofSeconds(30),
                    SchedulerRuntime.Options.defaults(), code -> { })) {
                client.pods().resource(pod("a-1")).create();
                await().atMost(Duration.ofSeconds(30)).until(() -> nodeOf(client, "a-1") != null);

                client.pods().resource(pod("a-2")).create();
                await().atMost(Duration.ofSeconds(30)).until(() -> rejectedForMax(client.pods().inNamespace(NAMESPACE).withName("a-2").get()));
                assertThat(nodeOf(client, "a-2")).isNull();

                client.pods().inNamespace(NAMESPACE).withName("a-1").withGracePeriod(0).delete();
                await().atMost(Duration.ofSeconds(30)).until(() -> "node-1".equals(nodeOf(client, "a-2")));
            }
        }
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(name).endMetadata()
                .withNewSpec().withSchedulerName("berth").addNewContainer().withName("c").withImage("pause")
                .withNewResources().addToRequests("cpu", new Quantity("1")).endResources().endContainer().endSpec()
                .build();
    }

    private static String nodeOf(KubernetesClient client, String name) {
        Pod pod = client.pods().inNamespace(NAMESPACE).withName(name).get();
        return pod == null ? null : pod.getSpec().getNodeName();
    }

    private static boolean rejectedForMax(Pod pod) {
        return pod != null && pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> "PodScheduled".equals(c.getType())
                && c.getMessage() != null && c.getMessage().contains("ElasticQuota team-a is more than Max"));
    }
}
