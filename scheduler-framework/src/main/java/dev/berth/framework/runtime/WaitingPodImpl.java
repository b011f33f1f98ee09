package dev.berth.framework.runtime;

import dev.berth.framework.api.Status;
import dev.berth.framework.api.WaitingPod;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A pod held at Permit. Each waiting plugin has its own timer; the outcome completes once: success
 * when the last plugin allows, the first rejection or timeout otherwise.
 */
final class WaitingPodImpl implements WaitingPod {

    private final Pod pod;
    private final String nodeName;
    private final Map<String, Runnable> pendingTimers = new HashMap<>();
    private final CompletableFuture<Status> outcome = new CompletableFuture<>();

    WaitingPodImpl(Pod pod, String nodeName) {
        this.pod = pod;
        this.nodeName = nodeName;
    }

    /** Starts waiting for {@code plugin}; after {@code timeout} the pod is rejected in its name. */
    synchronized void waitFor(String plugin, Duration timeout, FrameworkServices.Timers timers) {
        pendingTimers.put(plugin, timers.schedule(timeout, () -> reject(plugin,
                "rejected due to timeout after waiting " + GoDurations.format(timeout) + " at plugin " + plugin)));
    }

    /** Completes with success, or with the rejecting plugin's Unschedulable status. */
    CompletableFuture<Status> outcome() {
        return outcome;
    }

    @Override
    public Pod pod() {
        return pod;
    }

    @Override
    public String nodeName() {
        return nodeName;
    }

    @Override
    public synchronized Set<String> pendingPlugins() {
        return Set.copyOf(pendingTimers.keySet());
    }

    @Override
    public void allow(String pluginName) {
        boolean allAllowed;
        synchronized (this) {
            Runnable cancel = pendingTimers.remove(pluginName);
            if (cancel == null) {
                return;
            }
            cancel.run();
            allAllowed = pendingTimers.isEmpty();
        }
        if (allAllowed) {
            outcome.complete(Status.SUCCESS);
        }
    }

    @Override
    public void reject(String pluginName, String message) {
        synchronized (this) {
            pendingTimers.values().forEach(Runnable::run);
            pendingTimers.clear();
        }
        outcome.complete(Status.unschedulable(message).withPlugin(pluginName));
    }
}
