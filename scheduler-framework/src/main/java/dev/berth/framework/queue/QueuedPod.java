package dev.berth.framework.queue;

import dev.berth.framework.api.PodInfo;
import dev.berth.framework.api.QueuedPodInfo;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The queue's bookkeeping for one pending pod (upstream's {@code QueuedPodInfo}). Mutable: the queue
 * changes it while the pod sits in a sub-queue, the scheduling loop while the pod is in flight. The
 * queue's lock hands it from one to the other, so it needs no synchronisation of its own.
 */
public final class QueuedPod implements QueuedPodInfo {

    /** The profile a pod without {@code spec.schedulerName} belongs to. */
    public static final String DEFAULT_PROFILE = "default-scheduler";

    private PodInfo podInfo;
    private Instant timestamp;
    private Instant initialAttemptTimestamp = Instant.EPOCH;
    private int attempts;
    private Set<String> unschedulablePlugins = Set.of();
    private Set<String> pendingPlugins = Set.of();
    private boolean gated;
    private String gatingPlugin;

    /** A pod that entered the queue at {@code timestamp} and has not been tried yet. */
    public QueuedPod(PodInfo podInfo, Instant timestamp) {
        this.podInfo = Objects.requireNonNull(podInfo, "podInfo");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The scheduling profile that owns {@code pod}: its {@code spec.schedulerName}, or {@link #DEFAULT_PROFILE}. */
    public static String profileOf(Pod pod) {
        String name = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
        return name == null || name.isEmpty() ? DEFAULT_PROFILE : name;
    }

    @Override
    public PodInfo podInfo() {
        return podInfo;
    }

    /**
     * Replaces the pod with a newer version of itself.
     *
     * @throws IllegalArgumentException if {@code newInfo} is a different pod (another UID)
     */
    public void podInfo(PodInfo newInfo) {
        if (!Objects.equals(newInfo.uid(), uid())) {
            throw new IllegalArgumentException("pod " + newInfo.key() + " has UID " + newInfo.uid() + ", expected " + uid());
        }
        this.podInfo = newInfo;
    }

    /** The pod's UID, the key the queue tracks it by. */
    public String uid() {
        return podInfo.uid();
    }

    /** The profile that schedules this pod; see {@link #profileOf(Pod)}. */
    public String profileName() {
        return profileOf(podInfo.pod());
    }

    @Override
    public Instant timestamp() {
        return timestamp;
    }

    void setTimestamp(Instant timestamp) {
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    }

    @Override
    public Instant initialAttemptTimestamp() {
        return initialAttemptTimestamp;
    }

    void setInitialAttemptTimestamp(Instant initialAttemptTimestamp) {
        this.initialAttemptTimestamp = Objects.requireNonNull(initialAttemptTimestamp, "initialAttemptTimestamp");
    }

    @Override
    public int attempts() {
        return attempts;
    }

    /** Counts one more scheduling attempt. */
    public void incrementAttempts() {
        attempts++;
    }

    @Override
    public Set<String> unschedulablePlugins() {
        return unschedulablePlugins;
    }

    /** Records the plugins that rejected the pod in its last attempt (copied). */
    public void setUnschedulablePlugins(Set<String> plugins) {
        this.unschedulablePlugins = Set.copyOf(plugins);
    }

    /** The plugins that answered Pending in the last attempt: the pod waits for something outside the scheduler. */
    public Set<String> pendingPlugins() {
        return pendingPlugins;
    }

    /** Records the plugins that answered Pending in the last attempt (copied). */
    public void setPendingPlugins(Set<String> plugins) {
        this.pendingPlugins = Set.copyOf(plugins);
    }

    /** True if a PreEnqueue plugin keeps the pod out of the active queue. */
    public boolean isGated() {
        return gated;
    }

    /** The PreEnqueue plugin that gates the pod, or {@code null} if it is not gated or the plugin is unknown. */
    public String gatingPlugin() {
        return gatingPlugin;
    }

    void gate(String plugin) {
        this.gated = true;
        this.gatingPlugin = plugin;
    }

    void ungate() {
        this.gated = false;
        this.gatingPlugin = null;
    }

    @Override
    public String toString() {
        return podInfo.key();
    }
}
