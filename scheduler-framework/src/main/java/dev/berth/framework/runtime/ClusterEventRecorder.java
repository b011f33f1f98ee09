package dev.berth.framework.runtime;

import dev.berth.framework.api.ClusterClient;
import dev.berth.framework.api.EventRecord;
import dev.berth.framework.api.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.InstantSource;

/** Turns plugin and scheduler events into {@link EventRecord}s reported by this profile's scheduler name. */
final class ClusterEventRecorder implements EventRecorder {

    private final ClusterClient cluster;
    private final InstantSource clock;
    private final String reportingController;

    ClusterEventRecorder(ClusterClient cluster, InstantSource clock, String reportingController) {
        this.cluster = cluster;
        this.clock = clock;
        this.reportingController = reportingController;
    }

    @Override
    public void event(HasMetadata regarding, String type, String reason, String action, String note) {
        var m = regarding.getMetadata();
        cluster.recordEvent(new EventRecord(regarding.getKind(), m.getNamespace(), m.getName(), m.getUid(),
                type, reason, action, note, reportingController, clock.instant()));
    }
}
