package dev.berth.framework.simulate;

/** How the simulation of one pod ended. */
public enum Outcome {
    SCHEDULED("Scheduled"),
    UNSCHEDULABLE("Unschedulable"),
    ERROR("Error");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The name the output uses ({@code Scheduled}, {@code Unschedulable}, {@code Error}). */
    public String label() {
        return label;
    }
}
