package dev.berth.app.bench;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.cluster.InMemoryCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** The in-process benchmark's cluster: the framework's in-memory one, no HTTP or storage. */
final class InMemoryTarget implements BenchTarget {
    private final InMemoryCluster cluster = new InMemoryCluster();

    @Override
    public String mode() {
        return "in-process";
    }

    @Override
    public void createNodes(Workload workload, int count) {
        for (int i = 0; i < count; i++) {
            cluster.create(workload.node(i));
        }
    }

    @Override
    public void create(HasMetadata object) {
        cluster.create(object);
    }

    @Override
    public void delete(HasMetadata object) {
        cluster.delete(object.getClass(), object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    @Override
    public int writeParallelism() {
        return 1;
    }

    @Override
    public ClusterClient schedulerView() {
        return cluster;
    }

    @Override
    public void close() {
    }
}
