package dev.berth.app.scheduler.debug;

import dev.berth.framework.runtime.AttemptRecorder;
import dev.berth.framework.runtime.RecordedAttempt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last attempt of each of the most recently attempted pods, bounded in count: an attempt over thousands of nodes
 * holds their statuses and scores, so only {@code capacity} pods are kept and the one attempted longest ago goes first.
 */
public final class RecentAttempts implements AttemptRecorder {
    private final int capacity;
    /** By {@code namespace/name}, least recently attempted first. */
    private final LinkedHashMap<String, RecordedAttempt> attempts;

    public RecentAttempts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.attempts = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RecordedAttempt> eldest) {
                return size() > RecentAttempts.this.capacity;
            }
        };
    }

    @Override
    public synchronized void record(RecordedAttempt attempt) {
        String key = attempt.key();
        // Removed first so that a pod attempted again moves to the most recent end.
        attempts.remove(key);
        attempts.put(key, attempt);
    }

    /** The pod's last attempt, if it is among those kept. */
    public synchronized Optional<RecordedAttempt> last(String namespace, String name) {
        return Optional.ofNullable(attempts.get(namespace + "/" + name));
    }

    /** The kept attempts, most recent first. */
    public synchronized List<RecordedAttempt> newestFirst() {
        List<RecordedAttempt> out = new ArrayList<>(attempts.values());
        Collections.reverse(out);
        return out;
    }

    public int capacity() {
        return capacity;
    }
}
