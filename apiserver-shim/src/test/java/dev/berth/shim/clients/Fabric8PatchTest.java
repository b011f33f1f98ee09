package dev.berth.shim.clients;

import static dev.berth.shim.testing.SingleQuotedJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The patches the fabric8 client sends (edit as JSON patch, strategic and merge patches, status) applied by Patcher. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Fabric8PatchTest {

    private FakeApiServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() throws IOException {
        server = new FakeApiServer();
        server.put(object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'default','uid':'p1',"
                + "'resourceVersion':'1','labels':{'app':'web'}},'spec':{'containers':[{'name':'web','image':'nginx'}]},"
                + "'status':{'phase':'Pending'}}"));
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).withNamespace("default")
                .withRequestRetryBackoffLimit(0).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private Pod pod() {
        return client.pods().withName("p").get();
    }

    @Test
    void editSendsAJsonPatch() {
        client.pods().withName("p").edit(p -> new PodBuilder(p).editMetadata().addToLabels("tier", "front")
                .removeFromLabels("app").endMetadata().editSpec().editFirstContainer().withImage("nginx:2")
                .endContainer().endSpec().build());

        assertThat(pod().getMetadata().getLabels()).containsExactlyEntriesOf(Map.of("tier", "front"));
        assertThat(pod().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2");
    }

    @Test
    void strategicAndMergePatches() {
        client.pods().withName("p").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"busybox\"}]}}");
        client.pods().withName("p").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"a\":\"b\"}}}");

        Pod pod = pod();
        assertThat(pod.getSpec().getContainers()).extracting(c -> c.getName()).containsExactly("sidecar", "web");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("a", "b");
    }

    @Test
    void statusEditMergesConditionsByType() {
        client.pods().withName("p").editStatus(p -> new PodBuilder(p).editStatus().withPhase("Running")
                .addToConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
                .endStatus().build());

        assertThat(pod().getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod().getStatus().getConditions()).extracting(c -> c.getType()).containsExactly("Ready");
    }
}
