package dev.berth.framework.api;

import java.time.Instant;

/**
 * An event as the scheduler emits it, independent of any client library: the adapter turns it into
 * an events.k8s.io/v1 Event.
 */
public record EventRecord(String regardingKind, String regardingNamespace, String regardingName, String regardingUid,
                          String type, String reason, String action, String note, String reportingController,
                          Instant eventTime) {
}
