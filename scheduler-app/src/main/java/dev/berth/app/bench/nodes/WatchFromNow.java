package dev.berth.app.bench.nodes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * A watch from the resources' current resourceVersion, as an informer watches after its list: only what is written
 * from now on is seen, not a replay of what is stored. A watch that closes on an error records why.
 */
final class WatchFromNow implements AutoCloseable {
    private final AtomicReference<String> failure = new AtomicReference<>();
    private Watch watch;

    private WatchFromNow() {
    }

    static <T extends HasMetadata, L extends KubernetesResourceList<T>> WatchFromNow start(
            NonNamespaceOperation<T, L, ?> resources, String what, BiConsumer<Watcher.Action, T> events) {
        WatchFromNow started = new WatchFromNow();
        String from = resources.list(new ListOptionsBuilder().withLimit(1L).build()).getMetadata().getResourceVersion();
        started.watch = resources.watch(new ListOptionsBuilder().withResourceVersion(from).build(), new Watcher<T>() {
            @Override
            public void eventReceived(Action action, T resource) {
                events.accept(action, resource);
            }

            @Override
            public void onClose(WatcherException cause) {
                started.failure.compareAndSet(null, "the watch on the " + what + " closed: " + cause.getMessage());
            }
        });
        return started;
    }

    /** Why the watch closed, if it did on an error: nothing after that was seen. */
    Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public void close() {
        watch.close();
    }
}
