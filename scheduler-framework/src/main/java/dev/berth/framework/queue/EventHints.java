package dev.berth.framework.queue;

import dev.berth.framework.api.ActionType;
import dev.berth.framework.api.ClusterEvent;
import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.QueueingHint;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a cluster event may make a rejected pod schedulable, by asking the plugins that
 * rejected it (upstream's {@code isPodWorthRequeuing}, simplified: any QUEUE from any rejector wins).
 */
final class EventHints {

    private static final Logger LOG = LoggerFactory.getLogger(EventHints.class);

    private EventHints() {
    }

    /**
     * True if {@code event} is worth another attempt for {@code pod}: a wildcard event (such as
     * {@link ClusterEvent#UNSCHEDULABLE_TIMEOUT}), a pod no plugin rejected (it failed with an error,
     * so no plugin can vouch for it), or a rejecting plugin that registered a matching event whose hint
     * does not say {@link QueueingHint#QUEUE_SKIP}, or that registered nothing at all.
     */
    static boolean mayHelp(QueuedPod pod, QueueingPolicy policy, ClusterEvent event, Object oldObj, Object newObj) {
        if (isWildcard(event)) {
            return true;
        }
        Set<String> rejectors = new HashSet<>(pod.unschedulablePlugins());
        rejectors.addAll(pod.pendingPlugins());
        if (rejectors.isEmpty()) {
            return true;
        }
        for (String plugin : rejectors) {
            Optional<List<ClusterEventWithHint>> registrations = policy.registrations(plugin);
            if (registrations.isEmpty()) {
                return true;
            }
            for (ClusterEventWithHint registration : registrations.get()) {
                if (registration.event().matches(event) && hint(plugin, registration, pod, oldObj, newObj) != QueueingHint.QUEUE_SKIP) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isWildcard(ClusterEvent event) {
        return ClusterEvent.WILDCARD.equals(event.resource()) && event.actions().equals(ActionType.ALL);
    }

    private static QueueingHint hint(String plugin, ClusterEventWithHint registration, QueuedPod pod, Object oldObj, Object newObj) {
        try {
            return registration.hint().hint(pod.pod(), oldObj, newObj);
        } catch (RuntimeException e) {
            // A broken hint must not strand the pod; retrying costs one scheduling attempt at most.
            LOG.debug("Queueing hint of {} for {} failed on {}, requeueing: {}", plugin, pod, registration.event().label(), e.toString());
            return QueueingHint.QUEUE;
        }
    }
}
