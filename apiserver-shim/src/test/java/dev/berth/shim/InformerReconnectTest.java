package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.store.etcd.pb.CompactionRequest;
import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.store.LoopbackPorts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fabric8 informer across a shim restart: while the shim is down, another shim on the same store adds, changes
 * and deletes objects; once the shim is back on its port the informer resumes its watch (or, when the revision it
 * resumes from was compacted meanwhile, lists again) and ends with exactly the stored state, having reported each
 * change once.
 */
class InformerReconnectTest {
    private static final String NAMESPACE = "reconnect";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "compacted while down: {0}")
    @ValueSource(booleans = {false, true})
    void anInformerEndsWithTheStoredStateAfterAShimRestart(boolean compactWhileDown) throws Throwable {
        ShimSettings settings = ShimSettings.defaults(LoopbackPorts.free()).withBookmarkInterval(Duration.ofMillis(500));
        ShimExtensions extensions = StandardExtensions.plain(Clock.systemUTC());
        try (ShimFixture fixture = ShimFixture.start(dir, settings, extensions);
             KubernetesClient client = client(fixture.url())) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                    .build()).create();
            create(client, "kept", "1");
            create(client, "removed", "1");
            EventLog events = new EventLog();
            SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(NAMESPACE).inform(events, 0);
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> events.added("kept") && events.added("removed"));
                fixture.restartShim(() -> {
                    try (ShimServer side = ShimServer.start(ShimSettings.defaults(0), fixture.client,
                            ResourceCatalog.standard(), extensions);
                         KubernetesClient sideClient = client("http://127.0.0.1:" + side.port())) {
                        create(sideClient, "added-while-down", "1");
                        sideClient.configMaps().inNamespace(NAMESPACE).withName("kept")
                                .edit(cm -> new ConfigMapBuilder(cm).addToData("v", "2").build());
                        sideClient.configMaps().inNamespace(NAMESPACE).withName("removed").delete();
                        if (compactWhileDown) {
                            long revision = Long.parseLong(sideClient.configMaps().inNamespace(NAMESPACE).list()
                                    .getMetadata().getResourceVersion());
                            fixture.client.compact(CompactionRequest.newBuilder().setRevision(revision).build())
                                    .toCompletableFuture().get();
                        }
                    }
                });
                create(client, "added-after", "1");
                await().atMost(Duration.ofSeconds(30)).until(() -> names(informer.getStore().list())
                        .equals(names(client.configMaps().inNamespace(NAMESPACE).list().getItems())));
                assertThat(names(informer.getStore().list())).containsExactly("added-after", "added-while-down", "kept");
                assertThat(informer.getStore().getByKey(NAMESPACE + "/kept").getData()).containsEntry("v", "2");
                assertThat(events.log).as("each change reported once").containsExactlyInAnyOrder(
                        "add kept", "add removed", "add added-while-down", "update kept 2", "delete removed",
                        "add added-after");
            } finally {
                informer.close();
            }
        }
    }

    /** Every change the informer reports, except resyncs (an update that keeps the resourceVersion). */
    private static final class EventLog implements ResourceEventHandler<ConfigMap> {
        final List<String> log = new CopyOnWriteArrayList<>();

        boolean added(String name) {
            return log.contains("add " + name);
        }

        @Override
        public void onAdd(ConfigMap cm) {
            log.add("add " + cm.getMetadata().getName());
        }

        @Override
        public void onUpdate(ConfigMap before, ConfigMap after) {
            if (!before.getMetadata().getResourceVersion().equals(after.getMetadata().getResourceVersion())) {
                log.add("update " + after.getMetadata().getName() + " " + after.getData().get("v"));
            }
        }

        @Override
        public void onDelete(ConfigMap cm, boolean deletedFinalStateUnknown) {
            log.add("delete " + cm.getMetadata().getName());
        }
    }

    private static void create(KubernetesClient client, String name, String value) {
        client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().withData(Map.of("v", value)).build()).create();
    }

    private static List<String> names(List<ConfigMap> configMaps) {
        return configMaps.stream().map(cm -> cm.getMetadata().getName()).sorted().collect(Collectors.toList());
    }

    private static KubernetesClient client(String url) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withRequestTimeout(10_000)
                .withConnectionTimeout(2_000).withWatchReconnectInterval(200).withWatchReconnectLimit(-1).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
