package dev.berth.store.client;

/** Why a watch ended. */
public sealed interface WatchEnd {

    /**
     * The revision to resume from has been compacted away: list again at a newer revision and watch from there
     * (what Kubernetes reports as 410 Gone).
     */
    record Compacted(long compactRevision) implements WatchEnd {
    }

    /** Canceled by {@link WatchHandle#cancel()} or by the store (e.g. an empty key range), with the reason. */
    record Canceled(String reason) implements WatchEnd {
    }

    /** No member could resume the watch within the client's attempts and deadline. */
    record Failed(StoreClientException cause) implements WatchEnd {
    }
}
