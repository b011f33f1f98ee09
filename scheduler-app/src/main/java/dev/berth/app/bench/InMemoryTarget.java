package dev.berth.app.bench;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.cluster.InMemoryCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process benchmark's cluster: the framework's in-memory one, no HTTP or storage. It plays the API server's
 * priority admission (a pod naming a PriorityClass gets its value as spec.priority), which the in-memory cluster lacks.
 */
final class InMemoryTarget implements BenchTarget {
    private final InMemoryCluster cluster = new InMemoryCluster();
    private final Map<String, Integer> priorities = new ConcurrentHashMap<>();

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
        if (object instanceof PriorityClass priorityClass) {
            priorities.put(priorityClass.getMetadata().getName(), priorityClass.getValue());
        }
        if (object instanceof Pod pod && pod.getSpec().getPriorityClassName() != null) {
            Integer priority = priorities.get(pod.getSpec().getPriorityClassName());
            if (priority == null) {
                throw new IllegalStateException("pod " + pod.getMetadata().getName() + " names PriorityClass "
                        + pod.getSpec().getPriorityClassName() + ", which the workload does not define");
            }
            pod.getSpec().setPriority(priority);
        }
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
