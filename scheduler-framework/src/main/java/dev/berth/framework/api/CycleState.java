package dev.berth.framework.api;

import java.util.Collections;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Data shared between the extension points of one scheduling attempt (upstream's
 * {@code CycleState}). Written in PreFilter/PreScore, read in Filter/Score; safe to read from the
 * parallel Filter and Score calls. Cloned for preemption dry runs and nominated-pod evaluation, so
 * every value must implement {@link StateData#copy()}.
 */
public final class CycleState {

    /** A value stored in the cycle state. */
    public interface StateData {

        /** A copy that the clone of the state may mutate independently; immutable values may return {@code this}. */
        StateData copy();
    }

    /** Values by {@link StateKey#index()}: reads are lock-free; writes (a few per attempt) take the lock. */
    private volatile AtomicReferenceArray<StateData> data;
    private final Set<String> skipFilterPlugins;
    private final Set<String> skipScorePlugins;
    private final boolean recordPluginMetrics;

    /** A fresh state; {@code recordPluginMetrics} says whether this attempt is sampled for per-plugin metrics. */
    public CycleState(boolean recordPluginMetrics) {
        this(new AtomicReferenceArray<>(Math.max(8, StateKey.count())), new HashSet<>(), new HashSet<>(), recordPluginMetrics);
    }

    /** A fresh, unsampled state. */
    public CycleState() {
        this(false);
    }

    private CycleState(AtomicReferenceArray<StateData> data, Set<String> skipFilter, Set<String> skipScore, boolean record) {
        this.data = data;
        this.skipFilterPlugins = skipFilter;
        this.skipScorePlugins = skipScore;
        this.recordPluginMetrics = record;
    }

    /** The value under {@code key}, if written. */
    public <T extends StateData> Optional<T> read(StateKey<T> key) {
        StateData value = get(key);
        return value == null ? Optional.empty() : Optional.of(key.type().cast(value));
    }

    private StateData get(StateKey<?> key) {
        AtomicReferenceArray<StateData> a = data;
        int i = key.index();
        return i < a.length() ? a.get(i) : null;
    }

    /**
     * The value under {@code key}.
     *
     * @throws NoSuchElementException if it was never written, which usually means the plugin's PreFilter
     *     or PreScore did not run; the framework turns it into an Error status naming the key
     */
    public <T extends StateData> T require(StateKey<T> key) {
        StateData value = get(key);
        if (value == null) {
            throw new NoSuchElementException("cycle state has no \"" + key.name() + "\"");
        }
        return key.type().cast(value);
    }

    public synchronized <T extends StateData> void write(StateKey<T> key, T value) {
        int i = key.index();
        AtomicReferenceArray<StateData> a = data;
        if (i >= a.length()) {
            AtomicReferenceArray<StateData> grown = new AtomicReferenceArray<>(Math.max(i + 1, a.length() * 2));
            for (int k = 0; k < a.length(); k++) {
                grown.set(k, a.get(k));
            }
            data = grown;
            a = grown;
        }
        a.set(i, value);
    }

    public synchronized void delete(StateKey<?> key) {
        if (key.index() < data.length()) {
            data.set(key.index(), null);
        }
    }

    /** A deep copy: each value's {@link StateData#copy()}. */
    public synchronized CycleState copy() {
        AtomicReferenceArray<StateData> a = data;
        AtomicReferenceArray<StateData> copied = new AtomicReferenceArray<>(a.length());
        for (int i = 0; i < a.length(); i++) {
            StateData v = a.get(i);
            if (v != null) {
                copied.set(i, v.copy());
            }
        }
        return new CycleState(copied, new HashSet<>(skipFilterPlugins), new HashSet<>(skipScorePlugins), recordPluginMetrics);
    }

    /** Whether per-plugin duration metrics are recorded for this attempt (upstream samples 10%). */
    public boolean recordPluginMetrics() {
        return recordPluginMetrics;
    }

    /** Plugins whose Filter is skipped this attempt because their PreFilter returned Skip. Set by the framework. */
    public Set<String> skipFilterPlugins() {
        return Collections.unmodifiableSet(skipFilterPlugins);
    }

    /** Plugins whose Score is skipped this attempt because their PreScore returned Skip. Set by the framework. */
    public Set<String> skipScorePlugins() {
        return Collections.unmodifiableSet(skipScorePlugins);
    }

    /** True if {@code pluginName}'s Filter is skipped this attempt; cheap when nothing is skipped. */
    public boolean isFilterSkipped(String pluginName) {
        return !skipFilterPlugins.isEmpty() && skipFilterPlugins.contains(pluginName);
    }

    /** True if {@code pluginName}'s Score is skipped this attempt; cheap when nothing is skipped. */
    public boolean isScoreSkipped(String pluginName) {
        return !skipScorePlugins.isEmpty() && skipScorePlugins.contains(pluginName);
    }

    /** Framework use: marks a plugin's Filter as skipped for this attempt. */
    public void skipFilter(String pluginName) {
        skipFilterPlugins.add(pluginName);
    }

    /** Framework use: marks a plugin's Score as skipped for this attempt. */
    public void skipScore(String pluginName) {
        skipScorePlugins.add(pluginName);
    }
}
