package dev.berth.framework.api;

import java.util.Objects;

/**
 * A typed key into {@link CycleState}. Create one constant per plugin, e.g.
 * {@code static final StateKey<PreFilterState> KEY = StateKey.of("PreFilterNodeResourcesFit", PreFilterState.class);}
 */
public final class StateKey<T extends CycleState.StateData> {

    private static final java.util.Map<String, Integer> INDEXES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_INDEX = new java.util.concurrent.atomic.AtomicInteger();

    private final String name;
    private final Class<T> type;
    private final int index;

    private StateKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.index = INDEXES.computeIfAbsent(name, n -> NEXT_INDEX.getAndIncrement());
    }

    public static <T extends CycleState.StateData> StateKey<T> of(String name, Class<T> type) {
        return new StateKey<>(name, type);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** A small number unique per key name, so {@link CycleState} can keep values in an array. */
    int index() {
        return index;
    }

    /** How many key names exist so far. */
    static int count() {
        return NEXT_INDEX.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
