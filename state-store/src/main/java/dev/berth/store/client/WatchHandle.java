package dev.berth.store.client;

/** An open watch. */
public interface WatchHandle {

    /**
     * Stops the watch: once this returns the listener gets no more events, and it has been told
     * {@link WatchEnd.Canceled} (unless the watch had already ended). Calling it again does nothing.
     */
    void cancel();
}
