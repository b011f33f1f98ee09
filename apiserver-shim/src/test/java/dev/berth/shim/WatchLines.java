package dev.berth.shim;

import dev.berth.shim.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/** A streaming watch request: its events, one per line, each waited for at most 10 s. */
final class WatchLines implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    WatchLines(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(
                new Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String item) {
                        lines.add(item);
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        ended.complete(null);
                    }

                    @Override
                    public void onComplete() {
                        ended.complete(null);
                    }
                }));
    }

    /** The next event; fails the test if none comes within 10 s. */
    JsonNode next() throws InterruptedException {
        String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no watch event within " + WAIT);
        }
        return Json.MAPPER.readTree(line);
    }

    /** The next event that is not a BOOKMARK. */
    JsonNode nextChange() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode event = next();
            if (!"BOOKMARK".equals(event.path("type").stringValue())) {
                return event;
            }
        }
        throw new AssertionError("only bookmarks");
    }

    /** Whether the server ended the stream within {@code within}. */
    boolean endsWithin(Duration within) throws Exception {
        try {
            ended.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    int statusCode() throws Exception {
        return response.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).statusCode();
    }

    @Override
    public void close() {
        response.cancel(true);
    }
}
