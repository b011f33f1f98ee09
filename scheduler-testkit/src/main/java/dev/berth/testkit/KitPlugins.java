package dev.berth.testkit;

import dev.berth.framework.api.BasePluginFactory;
import dev.berth.framework.api.BindPlugin;
import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.QueueSortPlugin;
import dev.berth.framework.api.QueuedPodInfo;
import dev.berth.framework.api.Status;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The two plugins every profile needs besides the one under test, so that a plugin can be run alone without
 * Berth's default plugins on the classpath: a QueueSort (queue order) and a Bind (the simulated cluster's bind).
 */
final class KitPlugins {

    static final String QUEUE_SORT = "TestKitQueueSort";
    static final String BINDER = "TestKitBinder";

    private KitPlugins() {
    }

    /** Scenario order: a simulation schedules pods one at a time in the order given anyway. */
    static final class QueueSortFactory extends BasePluginFactory {
        QueueSortFactory() {
            super(QUEUE_SORT, (args, handle) -> new QueueSortPlugin() {
                @Override
                public String name() {
                    return QUEUE_SORT;
                }

                @Override
                public boolean less(QueuedPodInfo a, QueuedPodInfo b) {
                    return a.timestamp().isBefore(b.timestamp());
                }
            });
        }
    }

    static final class BinderFactory extends BasePluginFactory {
        BinderFactory() {
            super(BINDER, (args, handle) -> new Binder(handle.clusterClient()));
        }
    }

    private record Binder(ClusterClient cluster) implements BindPlugin {
        @Override
        public String name() {
            return BINDER;
        }

        @Override
        public Status bind(CycleState state, Pod pod, String nodeName) {
            // A failed bind throws; the framework turns a plugin's exception into the pod's Error status.
            cluster.bind(pod, nodeName);
            return Status.SUCCESS;
        }
    }
}
