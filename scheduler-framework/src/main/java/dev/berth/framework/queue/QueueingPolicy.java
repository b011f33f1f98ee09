package dev.berth.framework.queue;

import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * What the queue needs to know about one scheduling profile: its PreEnqueue gate and the events its
 * plugins registered. Implementations must be thread-safe; the queue calls them under its lock, so
 * they must be cheap and must not call back into the queue.
 */
public interface QueueingPolicy {

    /**
     * Runs the profile's PreEnqueue plugins on {@code pod}.
     *
     * @return {@link Status#SUCCESS}, or the first non-success status with {@link Status#plugin()} set
     */
    Status preEnqueue(Pod pod);

    /**
     * The events {@code pluginName} registered through {@code EnqueueExtensions}.
     *
     * @return empty if the plugin does not implement {@code EnqueueExtensions}, meaning any event may
     *     help the pods it rejected
     */
    Optional<List<ClusterEventWithHint>> registrations(String pluginName);
}
