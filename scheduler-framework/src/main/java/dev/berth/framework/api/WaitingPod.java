package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Set;

/** A pod held at Permit. Thread-safe: any plugin may allow or reject it from any thread. */
public interface WaitingPod {

    Pod pod();

    /** The node the pod was assumed on. */
    String nodeName();

    /** The Permit plugins that asked the pod to wait and have not allowed it yet. */
    Set<String> pendingPlugins();

    /** Clears {@code pluginName}'s wait; once no plugin is pending, the pod proceeds to binding. */
    void allow(String pluginName);

    /** Rejects the pod at once: its reservation is released and it returns to the queue. */
    void reject(String pluginName, String message);
}
