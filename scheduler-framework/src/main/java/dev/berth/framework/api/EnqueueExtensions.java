package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * Implemented by plugins that can reject pods (PreEnqueue, PreFilter, Filter, Reserve, Permit) to say
 * which cluster events may turn their rejection around (upstream's {@code EnqueueExtensions}). A pod
 * rejected by such a plugin sleeps in the unschedulable pool until one of these events passes its hint.
 * A rejecting plugin that does not implement this interface is woken by every event.
 */
public interface EnqueueExtensions extends Plugin {

    List<ClusterEventWithHint> eventsToRegister();

    /**
     * The custom resource kinds {@link #eventsToRegister()} names, with their model classes (e.g.
     * {@code "PodGroup"} → {@code PodGroup.class}): the scheduler watches them to deliver their add,
     * update and delete events. The built-in kinds of {@link ClusterEvent} need no entry.
     */
    default Map<String, Class<? extends HasMetadata>> customResourceKinds() {
        return Map.of();
    }
}
