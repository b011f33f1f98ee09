package dev.berth.store.client;

import dev.berth.store.etcd.mvccpb.Event;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a watch reported. */
final class RecordingListener implements WatchListener {
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<Long> progress = new CopyOnWriteArrayList<>();
    final CompletableFuture<WatchEnd> end = new CompletableFuture<>();

    @Override
    public void onEvents(long headerRevision, List<Event> batch) {
        if (end.isDone()) {
            throw new AssertionError("events after the watch ended: " + batch);
        }
        events.addAll(batch);
    }

    @Override
    public void onProgress(long revision) {
        progress.add(revision);
    }

    @Override
    public void onEnd(WatchEnd watchEnd) {
        if (!end.complete(watchEnd)) {
            throw new AssertionError("a second end: " + watchEnd + " after " + end.join());
        }
    }

    List<String> values() {
        return events.stream().map(e -> e.getKv().getValue().toStringUtf8()).toList();
    }
}
