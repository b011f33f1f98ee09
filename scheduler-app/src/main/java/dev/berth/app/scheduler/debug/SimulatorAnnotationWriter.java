package dev.berth.app.scheduler.debug;

import dev.berth.app.cluster.Fabric8ClusterClient;
import dev.berth.framework.api.ClusterException;
import dev.berth.framework.runtime.AttemptRecorder;
import dev.berth.framework.runtime.RecordedAttempt;
import dev.berth.framework.simulate.AttemptExplanation;
import dev.berth.store.DaemonThreads;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes kube-scheduler-simulator's result annotations on each attempted pod ({@code --simulator-annotations}). The
 * patch goes out on a thread of its own, so the scheduling cycle never waits for the API; when the API falls behind,
 * attempts beyond a bounded backlog are not annotated. A pod whose annotations already say the same is not patched
 * again: an annotation change is a pod update, which would send an unschedulable pod back to the queue over and over.
 */
public final class SimulatorAnnotationWriter implements AttemptRecorder, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorAnnotationWriter.class);
    private static final int BACKLOG = 1000;

    private final Fabric8ClusterClient cluster;
    private final Function<String, ToIntFunction<String>> weightsByProfile;
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(BACKLOG), DaemonThreads.named("berth-simulator-annotations"), (task, pool) -> LOG.debug("annotation backlog full; an attempt is left unannotated"));

    /** @param weightsByProfile for a scheduler name, each Score plugin's weight in that profile */
    public SimulatorAnnotationWriter(Fabric8ClusterClient cluster, Function<String, ToIntFunction<String>> weightsByProfile) {
        this.cluster = cluster;
        this.weightsByProfile = weightsByProfile;
    }

    @Override
    public void record(RecordedAttempt attempt) {
        writer.execute(() -> write(attempt));
    }

    private void write(RecordedAttempt attempt) {
        Map<String, String> wanted = SimulatorAnnotations.of(AttemptExplanation.of(attempt),
                weightsByProfile.apply(attempt.profile()));
        Map<String, String> current = attempt.pod().getMetadata().getAnnotations();
        if (current != null && current.entrySet().containsAll(wanted.entrySet())) {
            return;
        }
        try {
            cluster.patchAnnotations(attempt.pod(), wanted);
        } catch (ClusterException e) {
            LOG.debug("could not annotate pod {}: {}", attempt.key(), e.getMessage());
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
