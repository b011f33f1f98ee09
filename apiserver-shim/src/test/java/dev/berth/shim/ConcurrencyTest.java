package dev.berth.shim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.shim.Http.Answer;
import dev.berth.shim.resource.ResourceCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Concurrent writers lose no update; a restarted shim finishes the grace periods its predecessor started. */
class ConcurrencyTest extends StandardShimTest {
    @Test
    void concurrentReadModifyWriteLosesNoIncrement() throws Exception {
        http.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"counter\"},\"data\":{\"n\":\"0\"}}");
        int writers = 4;
        int increments = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                runs.add(pool.submit(() -> {
                    for (int done = 0, attempts = 0; done < increments && attempts < 500; attempts++) {
                        JsonNode current = http.get("/api/v1/namespaces/default/configmaps/counter").json();
                        int n = Integer.parseInt(current.path("data").path("n").stringValue());
                        String next = current.toString().replace("\"n\":\"" + n + "\"", "\"n\":\"" + (n + 1) + "\"");
                        Answer answer = http.put("/api/v1/namespaces/default/configmaps/counter", next);
                        assertThat(answer.code()).as(answer.body()).isIn(200, 409);
                        if (answer.code() == 200) {
                            done++;
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode counter = http.get("/api/v1/namespaces/default/configmaps/counter").json();
        assertThat(counter.path("data").path("n").stringValue()).isEqualTo(Integer.toString(writers * increments));
    }

    @Test
    void aRestartedShimFinishesPendingGracePeriods() {
        Answer created = http.post("/api/v1/namespaces/default/pods", "{\"metadata\":{\"name\":\"graceful\"},"
                + "\"spec\":{\"nodeName\":\"n\",\"terminationGracePeriodSeconds\":2,"
                + "\"containers\":[{\"name\":\"c\",\"image\":\"x:1\"}]}}");
        assertThat(created.code()).isEqualTo(201);
        ShimServer first = ShimServer.start(ShimSettings.defaults(0), fixture.client, ResourceCatalog.standard());
        Answer marked = new Http("http://127.0.0.1:" + first.port()).delete("/api/v1/namespaces/default/pods/graceful", null);
        first.close();
        assertThat(marked.code()).isEqualTo(202);
        ShimServer second = ShimServer.start(ShimSettings.defaults(0), fixture.client, ResourceCatalog.standard());
        try {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> http.get("/api/v1/namespaces/default/pods/graceful").code() == 404);
        } finally {
            second.close();
        }
    }
}
