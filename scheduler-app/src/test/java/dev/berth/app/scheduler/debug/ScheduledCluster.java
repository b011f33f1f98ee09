package dev.berth.app.scheduler.debug;

import static org.awaitility.Awaitility.await;

import dev.berth.app.PluginSetup;
import dev.berth.app.cluster.ApiRateLimit;
import dev.berth.app.scheduler.SchedulerRuntime;
import dev.berth.app.up.EmbeddedApi;
import dev.berth.framework.config.SchedulerConfiguration;
import dev.berth.framework.registry.PluginRegistry;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code berth scheduler}'s runtime (simulator annotations on) against the embedded store and shim, in process, with
 * two nodes and two pods: {@code default/fits}, which both nodes take, and {@code default/huge}, which none does.
 */
final class ScheduledCluster implements AutoCloseable {
    static final String FITS = "fits";
    static final String HUGE = "huge";

    private final EmbeddedApi api;
    final KubernetesClient client;
    private final SchedulerRuntime runtime;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ScheduledCluster(EmbeddedApi api, KubernetesClient client, SchedulerRuntime runtime) {
        this.api = api;
        this.client = client;
        this.runtime = runtime;
    }

    static ScheduledCluster start(Path dir) throws Exception {
        EmbeddedApi api = EmbeddedApi.start(dir, 1, "127.0.0.1", 0);
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(api.clientConfig()).build();
        try {
            PluginRegistry registry = PluginSetup.registry(null);
            SchedulerConfiguration config = PluginSetup.configLoader(registry).parse("""
                    apiVersion: kubescheduler.config.k8s.io/v1
                    kind: KubeSchedulerConfiguration
                    leaderElection:
                      leaderElect: false
                    profiles:
                    - schedulerName: berth
                    """);
            client.nodes().resource(node("node-small", "4")).create();
            client.nodes().resource(node("node-large", "16")).create();
            SchedulerRuntime runtime = SchedulerRuntime.start(client, config, registry, "127.0.0.1", 0,
                    Duration.ofSeconds(30), new SchedulerRuntime.Options(50, true, ApiRateLimit.UNLIMITED), code -> { });
            ScheduledCluster cluster = new ScheduledCluster(api, client, runtime);
            client.pods().resource(pod(FITS, "1")).create();
            client.pods().resource(pod(HUGE, "64")).create();
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.node(FITS) != null && runtime.synced());
            return cluster;
        } catch (Exception | Error e) {
            client.close();
            api.close();
            throw e;
        }
    }

    private static Node node(String name, String cpu) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
                .withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("32Gi"), "pods", new Quantity("110")))
                .withCapacity(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("32Gi"), "pods", new Quantity("110")))
                .endStatus().build();
    }

    private static Pod pod(String name, String cpu) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .withNewSpec().withSchedulerName("berth").addNewContainer().withName("c").withImage("pause")
                .withNewResources().addToRequests("cpu", new Quantity(cpu)).endResources().endContainer().endSpec()
                .build();
    }

    Pod pod(String name) {
        return client.pods().inNamespace("default").withName(name).get();
    }

    String node(String podName) {
        Pod pod = pod(podName);
        return pod == null ? null : pod.getSpec().getNodeName();
    }

    String url(String path) {
        return "http://127.0.0.1:" + runtime.httpPort() + path;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        runtime.close();
        client.close();
        api.close();
    }
}
