package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watches keep up with bursts: a burst of events written from the store's threads must neither end a healthy
 * watch (its client would watch again from an old resourceVersion and get the events again, late) nor queue up.
 */
class WatchDeliveryTest {
    private static final int OBJECTS = 300;
    private static final int PATCHES = 200;
    private static final Duration PATCH_SPACING = Duration.ofMillis(20);
    /** Generous for a loaded machine; before the fix, most events took 5 to 10 s. */
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void aChunkedWatchOverManyObjectsSendsThemAllAndStaysOpen() throws Exception {
        try (ShimFixture fixture = ShimFixture.start(dir, StandardExtensions.plain(Clock.systemUTC()));
             KubernetesClient client = Fabric8Test.newClient(fixture.url())) {
            chunkedWatchOverManyObjects(fixture, client);
        }
    }

    @Test
    void aFabric8WatchGetsEveryConcurrentPatchOnceAndPromptly() throws Exception {
        try (ShimFixture fixture = ShimFixture.start(dir, StandardExtensions.plain(Clock.systemUTC()));
             KubernetesClient client = Fabric8Test.newClient(fixture.url())) {
            fabric8WatchUnderConcurrentPatches(client);
        }
    }

    private static void chunkedWatchOverManyObjects(ShimFixture fixture, KubernetesClient client) throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("burst").endMetadata()
                .build()).create();
        for (int i = 0; i < OBJECTS; i++) {
            client.configMaps().inNamespace("burst").resource(configMap("cm-" + i)).create();
        }
        try (WatchLines watch = new WatchLines(fixture.url() + "/api/v1/namespaces/burst/configmaps?watch=1")) {
            for (int i = 0; i < OBJECTS; i++) {
                assertThat(watch.nextChange().path("type").stringValue()).isEqualTo("ADDED");
            }
            client.configMaps().inNamespace("burst").withName("cm-0")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"s\":\"changed\"}}");
            var change = watch.nextChange();
            assertThat(change.path("type").stringValue()).isEqualTo("MODIFIED");
            assertThat(change.path("object").path("data").path("s").stringValue()).isEqualTo("changed");
        }
    }

    private static void fabric8WatchUnderConcurrentPatches(KubernetesClient client) throws Exception {
        for (int i = 0; i < OBJECTS; i++) {
            client.configMaps().inNamespace("default").resource(configMap("cm-" + i)).create();
        }
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<String> late = new CopyOnWriteArrayList<>();
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch allReceived = new CountDownLatch(PATCHES);
        Watch watch = client.configMaps().inNamespace("default").watch(new Watcher<ConfigMap>() {
            @Override
            public void eventReceived(Action action, ConfigMap object) {
                String value = object.getData().get("s");
                if (action != Action.MODIFIED || !sentAt.containsKey(value)) {
                    return;
                }
                long millis = (System.nanoTime() - sentAt.get(value)) / 1_000_000;
                if (millis > DELIVERY_BOUND.toMillis()) {
                    late.add(value + " after " + millis + " ms");
                }
                received.add(value);
                allReceived.countDown();
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(8);
        try {
            for (int i = 0; i < PATCHES; i++) {
                String value = "patch-" + i;
                String name = "cm-" + i % OBJECTS;
                senders.schedule(() -> {
                    sentAt.put(value, System.nanoTime());
                    client.configMaps().inNamespace("default").withName(name)
                            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"s\":\"" + value + "\"}}");
                }, i * PATCH_SPACING.toMillis(), TimeUnit.MILLISECONDS);
            }
            assertThat(allReceived.await(60, TimeUnit.SECONDS)).as("all patches seen").isTrue();
            assertThat(received).doesNotHaveDuplicates();
            assertThat(late).isEmpty();
        } finally {
            senders.shutdownNow();
            watch.close();
        }
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("s", "initial").build();
    }
}
