package dev.berth.app.bench;

import dev.berth.framework.api.ClusterClient;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Where a benchmark runs: the cluster the scheduler sees, and how the harness writes to it. In process, an in-memory
 * cluster; full stack, the embedded store and API shim over HTTP.
 */
sealed interface BenchTarget extends AutoCloseable permits InMemoryTarget, FullStackTarget {

    /** {@code in-process} or {@code full-stack}, as the report names it. */
    String mode();

    /** Registers nodes 0 .. count-1 of the workload. */
    void createNodes(Workload workload, int count);

    /** Creates one object; safe to call from several threads. */
    void create(HasMetadata object);

    /** Deletes one object at once (no grace period); safe to call from several threads. */
    void delete(HasMetadata object);

    /** How many writes the harness keeps in flight (an in-memory cluster gains nothing from more than one). */
    int writeParallelism();

    /** The scheduler's port onto this cluster. */
    ClusterClient schedulerView();

    @Override
    void close();
}
