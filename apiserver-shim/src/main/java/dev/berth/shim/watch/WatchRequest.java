package dev.berth.shim.watch;

import dev.berth.shim.resource.ResourceType;
import dev.berth.shim.select.Selection;

/**
 * What a client asked to watch: objects of {@code type} in {@code namespace} ({@code ""}: all) that
 * {@code selection} selects, after {@code afterRevision} ({@link #FROM_NOW}: the current objects first, as ADDED),
 * with periodic bookmarks or not, with the initial events closed by a bookmark annotated
 * {@code k8s.io/initial-events-end} (sendInitialEvents) or not, for {@code timeoutSeconds} (0: the server's default).
 */
public record WatchRequest(ResourceType type, String namespace, Selection selection, long afterRevision,
                           boolean bookmarks, boolean initialEventsEnd, long timeoutSeconds) {
    public static final long FROM_NOW = -1;
}
