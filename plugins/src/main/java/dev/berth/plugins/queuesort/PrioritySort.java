package dev.berth.plugins.queuesort;

import dev.berth.framework.api.PodPriority;
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
        int pa = PodPriority.of(a.pod());
        int pb = PodPriority.of(b.pod());
        return pa > pb || (pa == pb && a.timestamp().isBefore(b.timestamp()));
    }


    /** Registers {@link PrioritySort}; it takes no args. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new PrioritySort());
        }
    }
}
