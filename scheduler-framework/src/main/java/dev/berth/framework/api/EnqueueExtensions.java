package dev.berth.framework.api;

import java.util.List;

/**
 * Implemented by plugins that can reject pods (PreEnqueue, PreFilter, Filter, Reserve, Permit) to say
 * which cluster events may turn their rejection around (upstream's {@code EnqueueExtensions}). A pod
 * rejected by such a plugin sleeps in the unschedulable pool until one of these events passes its hint.
 * A rejecting plugin that does not implement this interface is woken by every event.
 */
public interface EnqueueExtensions extends Plugin {

    List<ClusterEventWithHint> eventsToRegister();
}
