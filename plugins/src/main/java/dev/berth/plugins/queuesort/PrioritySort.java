package dev.berth.plugins.queuesort;

import dev.berth.framework.api.BasePluginFactory;
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
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new PrioritySort());
        }
    }
}
