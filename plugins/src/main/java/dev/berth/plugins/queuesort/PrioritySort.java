package dev.berth.plugins.queuesort;

import dev.berth.framework.api.Handle;
import dev.berth.framework.api.Plugin;
import dev.berth.framework.api.PluginArgs;
import dev.berth.framework.api.PluginFactory;
import dev.berth.framework.api.QueueSortPlugin;
import dev.berth.framework.api.QueuedPodInfo;

/**
 * Orders the active queue by pod priority, highest first, then by the time the pod entered the
 * queue (upstream's {@code PrioritySort}).
 */
public final class PrioritySort implements QueueSortPlugin {

    public static final String NAME = "PrioritySort";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean less(QueuedPodInfo a, QueuedPodInfo b) {
        int pa = priority(a);
        int pb = priority(b);
        return pa > pb || (pa == pb && a.timestamp().isBefore(b.timestamp()));
    }

    private static int priority(QueuedPodInfo p) {
        Integer priority = p.pod().getSpec() == null ? null : p.pod().getSpec().getPriority();
        return priority == null ? 0 : priority;
    }

    /** Registers {@link PrioritySort}; it takes no args. */
    public static final class Factory implements PluginFactory {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Plugin create(PluginArgs args, Handle handle) {
            return new PrioritySort();
        }
    }
}
