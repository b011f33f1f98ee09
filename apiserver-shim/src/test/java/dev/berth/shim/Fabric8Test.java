package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fabric8's real client against the shim: CRUD, optimistic concurrency, an informer, leader election on a Lease.
 * fabric8's LeaderElector writes its Lease with a merge patch, so the shim runs with the test stand-in patcher.
 */
class Fabric8Test {
    @TempDir
    static Path dir;
    static ShimFixture fixture;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws IOException {
        fixture = ShimFixture.start(dir, StandardExtensions.plain(Clock.systemUTC()));
        client = newClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        fixture.close();
    }

    static KubernetesClient newClient() {
        return newClient(fixture.url());
    }

    /** fabric8 against {@code url}: namespace default, 10 s timeouts, no retries (a failure shows at once). */
    static KubernetesClient newClient(String url) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace("default")
                .withRequestTimeout(10_000).withConnectionTimeout(10_000).withRequestRetryBackoffLimit(0).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    static Pod pod(String name, String app) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox:1").endContainer().endSpec().build();
    }

    @Test
    void createGetUpdateDelete() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("f8").endMetadata().build()).create();
        ConfigMap created = client.configMaps().inNamespace("f8").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("cm").endMetadata().addToData("k", "1").build()).create();
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        ConfigMap edited = client.configMaps().inNamespace("f8")
                .resource(new ConfigMapBuilder(created).addToData("k", "2").build()).update();
        assertThat(edited.getData()).containsEntry("k", "2");
        assertThat(client.configMaps().inNamespace("f8").withName("cm").get().getData()).containsEntry("k", "2");
        assertThat(client.configMaps().inNamespace("f8").list().getItems()).hasSize(1);
        assertThat(client.configMaps().inNamespace("f8").withName("cm").delete()).hasSize(1);
        assertThat(client.configMaps().inNamespace("f8").withName("cm").get()).isNull();
    }

    @Test
    void staleUpdateIsA409() {
        ConfigMap created = client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("occ")
                .endMetadata().addToData("k", "1").build()).create();
        client.configMaps().resource(new ConfigMapBuilder(created).addToData("k", "2").build()).update();
        ConfigMap stale = new ConfigMapBuilder(created).addToData("k", "3").build();
        assertThatThrownBy(() -> client.configMaps().resource(stale).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThatThrownBy(() -> client.configMaps().resource(created).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }

    @Test
    void informerSeesAddsUpdatesDeletesAndResyncs() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("inf").endMetadata().build()).create();
        client.pods().inNamespace("inf").resource(pod("existing", "a")).create();
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger resyncs = new AtomicInteger();
        SharedIndexInformer<Pod> informer = client.pods().inNamespace("inf").inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                events.add("add " + pod.getMetadata().getName());
            }

            @Override
            public void onUpdate(Pod before, Pod after) {
                if (before.getMetadata().getResourceVersion().equals(after.getMetadata().getResourceVersion())) {
                    resyncs.incrementAndGet();
                } else {
                    events.add("update " + after.getMetadata().getName() + " " + after.getSpec().getNodeName());
                }
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                events.add("delete " + pod.getMetadata().getName());
            }
        }, 1000);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("add existing"));
            client.pods().inNamespace("inf").resource(pod("new", "b")).create();
            await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("add new"));
            Pod current = client.pods().inNamespace("inf").withName("new").get();
            current.getMetadata().getLabels().put("app", "c");
            client.pods().inNamespace("inf").resource(current).update();
            await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("update new null"));
            client.pods().inNamespace("inf").withName("new").delete();
            await().atMost(Duration.ofSeconds(20)).until(() -> events.contains("delete new"));
            await().atMost(Duration.ofSeconds(20)).until(() -> resyncs.get() > 0);
            assertThat(informer.getStore().list()).extracting(p -> p.getMetadata().getName()).containsExactly("existing");
        } finally {
            informer.close();
        }
    }

    @Test
    void exactlyOneOfTwoCandidatesLeads() throws Exception {
        Map<String, Boolean> leading = new ConcurrentHashMap<>();
        Set<String> everLed = ConcurrentHashMap.newKeySet();
        List<KubernetesClient> clients = List.of(newClient(), newClient());
        List<CompletableFuture<?>> runs = new CopyOnWriteArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                String identity = "candidate-" + i;
                LeaderElector elector = clients.get(i).leaderElector().withConfig(new LeaderElectionConfigBuilder()
                        .withName("shim-test").withLock(new LeaseLock("default", "shim-test-lock", identity))
                        .withLeaseDuration(Duration.ofSeconds(3)).withRenewDeadline(Duration.ofSeconds(2))
                        .withRetryPeriod(Duration.ofMillis(200))
                        .withLeaderCallbacks(new LeaderCallbacks(() -> {
                            leading.put(identity, true);
                            everLed.add(identity);
                        }, () -> leading.put(identity, false), newLeader -> { }))
                        .build()).build();
                runs.add(elector.start());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> leading.values().stream().filter(b -> b).count() == 1);
            Thread.sleep(2_000);
            assertThat(leading.values().stream().filter(b -> b).count()).isEqualTo(1);
            assertThat(everLed).hasSize(1);
            String holder = client.leases().inNamespace("default").withName("shim-test-lock").get().getSpec()
                    .getHolderIdentity();
            assertThat(everLed).containsExactly(holder);
        } finally {
            runs.forEach(run -> run.cancel(true));
            clients.forEach(KubernetesClient::close);
        }
    }
}
