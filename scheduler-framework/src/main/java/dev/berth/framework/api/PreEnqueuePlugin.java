package dev.berth.framework.api;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Gates a pod before it enters the active queue (upstream's PreEnqueue). A pod for which any
 * PreEnqueue plugin returns non-success stays gated and is re-checked when a cluster event the
 * plugin registered (see {@link EnqueueExtensions}) happens.
 */
public interface PreEnqueuePlugin extends Plugin {

    /** Must be cheap: it runs on every pod add and update. */
    Status preEnqueue(Pod pod);
}
