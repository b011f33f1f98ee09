package dev.berth.app.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.app.PluginSetup;
import dev.berth.app.up.EmbeddedApi;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.registry.PluginRegistry;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader whose Lease another replica takes over (here: written by the test, as a partitioned leader would find
 * it) stops scheduling at once and asks to exit with 1, so it never binds a pod the new leader may bind too.
 */
class LostLeaseTest {
    private static final String CONFIG = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            leaderElection:
              leaderElect: true
              leaseDuration: 4s
              renewDeadline: 3s
              retryPeriod: 500ms
            profiles:
            - schedulerName: berth
            """;

    @TempDir
    Path dir;

    @Test
    void aLeaderThatLosesItsLeaseStopsSchedulingAndExitsWithOne() throws Exception {
        AtomicInteger exitCode = new AtomicInteger(-1);
        try (EmbeddedApi api = EmbeddedApi.start(dir, 1, "127.0.0.1", 0);
             KubernetesClient client = new KubernetesClientBuilder().withConfig(api.clientConfig()).build()) {
            PluginRegistry registry = PluginSetup.registry(null);
            SchedulerConfiguration config = PluginSetup.configLoader(registry).parse(CONFIG);
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().withNewStatus()
                    .withAllocatable(Map.of("cpu", new Quantity("8"), "memory", new Quantity("16Gi"),
                            "pods", new Quantity("110"))).endStatus().build()).create();
            try (SchedulerRuntime runtime = SchedulerRuntime.start(client, config, registry, "127.0.0.1", 0,
                    Duration.ofSeconds(30), exitCode::set)) {
                client.pods().resource(pod("before")).create();
                await().atMost(Duration.ofSeconds(30)).until(() -> nodeOf(client, "before") != null);

                takeOverTheLease(client);
                await().atMost(Duration.ofSeconds(20)).until(() -> exitCode.get() == 1);

                client.pods().resource(pod("after")).create();
                Thread.sleep(3_000);
                assertThat(nodeOf(client, "after")).as("a pod created after the lease was lost").isNull();
                assertThat(runtime.synced()).isTrue();
            }
        }
    }

    /**
     * Writes the Lease as another holder would. The scheduler renews it every 500 ms, so a read-modify-write can
     * meet a renewal in between (409 Conflict); then it reads again and retries, as a real contender does.
     */
    private static void takeOverTheLease(KubernetesClient client) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.leases().inNamespace("kube-system").withName("berth-scheduler").edit(lease -> {
                    lease.getSpec().setHolderIdentity("usurper");
                    lease.getSpec().setRenewTime(ZonedDateTime.now());
                    lease.getSpec().setLeaseDurationSeconds(3600);
                    return lease;
                });
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .withNewSpec().withSchedulerName("berth").addNewContainer().withName("c").withImage("pause")
                .endContainer().endSpec().build();
    }

    private static String nodeOf(KubernetesClient client, String pod) {
        Pod current = client.pods().inNamespace("default").withName(pod).get();
        return current == null ? null : current.getSpec().getNodeName();
    }
}
