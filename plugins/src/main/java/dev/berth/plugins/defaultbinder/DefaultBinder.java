package dev.berth.plugins.defaultbinder;

import dev.berth.framework.api.BindPlugin;
import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.ClusterException;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;

/** Binds a pod through the cluster's pods/binding subresource (upstream's {@code DefaultBinder}). */
public final class DefaultBinder implements BindPlugin {

    public static final String NAME = "DefaultBinder";

    private final ClusterClient cluster;

    public DefaultBinder(ClusterClient cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status bind(CycleState state, Pod pod, String nodeName) {
        try {
            cluster.bind(pod, nodeName);
            return Status.SUCCESS;
        } catch (ClusterException e) {
            return Status.error(e);
        }
    }

    /** Registers {@link DefaultBinder}; it takes no args. */
    public static final class Factory extends BasePluginFactory {
        public Factory() {
            super(NAME, (args, handle) -> new DefaultBinder(handle.clusterClient()));
        }
    }
}
