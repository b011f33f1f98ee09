package dev.berth.framework.api;

import java.util.Objects;

/**
 * A typed key into {@link CycleState}. Create one constant per plugin, e.g.
 * {@code static final StateKey<PreFilterState> KEY = StateKey.of("PreFilterNodeResourcesFit", PreFilterState.class);}
 */
public final class StateKey<T extends CycleState.StateData> {

    private final String name;
    private final Class<T> type;

    private StateKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
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

    @Override
    public String toString() {
        return name;
    }
}
