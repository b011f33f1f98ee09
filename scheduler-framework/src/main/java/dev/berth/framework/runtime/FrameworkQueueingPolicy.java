package dev.berth.framework.runtime;

import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.Status;
import dev.berth.framework.queue.QueueingPolicy;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A profile's queueing behaviour, taken from its framework: PreEnqueue gates and registered events. */
final class FrameworkQueueingPolicy implements QueueingPolicy {

    private final Framework framework;
    private final Map<String, List<ClusterEventWithHint>> registrations;

    FrameworkQueueingPolicy(Framework framework) {
        this.framework = framework;
        this.registrations = framework.eventRegistrations();
    }

    @Override
    public Status preEnqueue(Pod pod) {
        return framework.runPreEnqueuePlugins(pod);
    }

    @Override
    public Optional<List<ClusterEventWithHint>> registrations(String pluginName) {
        return Optional.ofNullable(registrations.get(pluginName));
    }
}
