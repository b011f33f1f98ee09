package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Records events about objects (events.k8s.io/v1 semantics: regarding, type, reason, action, note). */
public interface EventRecorder {

    String NORMAL = "Normal";
    String WARNING = "Warning";

    void event(HasMetadata regarding, String type, String reason, String action, String note);
}
