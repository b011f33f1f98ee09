package dev.berth.framework.queue;

import dev.berth.framework.api.ClusterEventWithHint;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** A profile whose plugin registrations and PreEnqueue verdict a test sets. */
final class FakePolicy implements QueueingPolicy {

    /** The plugin name tests gate pods with. */
    static final String GATE_PLUGIN = "SchedulingGates";

    private final Map<String, List<ClusterEventWithHint>> registrations = new ConcurrentHashMap<>();
    private volatile Function<Pod, Status> gate = pod -> Status.SUCCESS;

    /** Declares that {@code plugin} implements EnqueueExtensions with these events (none is allowed). */
    FakePolicy register(String plugin, ClusterEventWithHint... events) {
        registrations.put(plugin, List.of(events));
        return this;
    }

    FakePolicy gate(Function<Pod, Status> verdict) {
        this.gate = verdict;
        return this;
    }

    @Override
    public Status preEnqueue(Pod pod) {
        return gate.apply(pod);
    }

    @Override
    public Optional<List<ClusterEventWithHint>> registrations(String pluginName) {
        return Optional.ofNullable(registrations.get(pluginName));
    }
}
