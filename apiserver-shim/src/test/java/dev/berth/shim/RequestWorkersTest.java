package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.shim.resource.ResourceCatalog;
import dev.berth.store.client.StoreClient;
import dev.berth.store.etcd.pb.RangeRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests waiting for the store do not queue behind one another for a worker thread: many more than Vert.x's default
 * 20 are in the store at once, which is what lets the store batch a scheduler's bindings and a client's writes.
 */
class RequestWorkersTest {
    /** More than Vert.x's default worker pool, fewer than the shim's. */
    private static final int IN_FLIGHT = 40;

    @TempDir
    Path dir;

    @Test
    void requestsWaitingForTheStoreAreServedSideBySide() throws Exception {
        assertThat(ShimServer.REQUEST_WORKERS).isGreaterThan(IN_FLIGHT);
        CountDownLatch arrived = new CountDownLatch(IN_FLIGHT);
        AtomicInteger sawAllArrive = new AtomicInteger();
        ExecutorService holders = Executors.newCachedThreadPool();
        ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT);
        try (ShimFixture fixture = ShimFixture.start(dir);
             ShimServer shim = ShimServer.start(ShimSettings.defaults(0),
                     holdingReads(fixture.client, holders, arrived, sawAllArrive), ResourceCatalog.standard())) {
            Http http = new Http("http://127.0.0.1:" + shim.port());
            try {
                List<Future<Http.Answer>> answers = new ArrayList<>();
                for (int i = 0; i < IN_FLIGHT; i++) {
                    String path = "/api/v1/namespaces/default/configmaps/held-" + i;
                    answers.add(clients.submit(() -> http.get(path)));
                }
                for (Future<Http.Answer> answer : answers) {
                    assertThat(answer.get(30, TimeUnit.SECONDS).code()).isEqualTo(404);
                }
            } finally {
                clients.shutdownNow();
                holders.shutdownNow();
            }
        }
        assertThat(sawAllArrive.get()).as("reads that were in the store together with all the others")
                .isEqualTo(IN_FLIGHT);
    }

    /**
     * {@code store}, except that a read of a {@code held-} object waits (off the caller's thread) until {@code arrived}
     * counts every such read, or 3 s; {@code sawAllArrive} counts the reads that saw them all.
     */
    private static StoreClient holdingReads(StoreClient store, ExecutorService holders, CountDownLatch arrived,
                                            AtomicInteger sawAllArrive) {
        return (StoreClient) Proxy.newProxyInstance(StoreClient.class.getClassLoader(), new Class<?>[] {StoreClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("range") && ((RangeRequest) args[0]).getKey().toStringUtf8().contains("/held-")) {
                        arrived.countDown();
                        return CompletableFuture.runAsync(() -> {
                            try {
                                if (arrived.await(3, TimeUnit.SECONDS)) {
                                    sawAllArrive.incrementAndGet();
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }, holders).thenCompose(held -> store.range((RangeRequest) args[0]));
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
