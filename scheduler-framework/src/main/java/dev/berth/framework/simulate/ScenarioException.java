package dev.berth.framework.simulate;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A scenario object is invalid (e.g. a pod names an unknown PriorityClass). Carries the object as it was
 * given, so a caller can say where in its input the object came from, and the field at fault.
 */
public class ScenarioException extends RuntimeException {

    private final transient HasMetadata object;
    private final String field;

    public ScenarioException(HasMetadata object, String field, String reason) {
        super(field + ": " + reason);
        this.object = object;
        this.field = field;
    }

    /** The offending object, the very instance the simulator was given. */
    public HasMetadata object() {
        return object;
    }

    /** The path of the offending field in the object, e.g. {@code spec.priorityClassName}. */
    public String field() {
        return field;
    }
}
