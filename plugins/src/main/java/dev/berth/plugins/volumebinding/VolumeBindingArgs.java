package dev.berth.plugins.volumebinding;

import dev.berth.framework.api.InvalidArgsException;
import java.util.List;

/**
 * Args of {@link VolumeBinding} (upstream's {@code VolumeBindingArgs}).
 *
 * @param bindTimeoutSeconds how long PreBind waits for dynamically provisioned claims to be bound;
 *     defaults to 600
 * @param shape the scoring function of the StorageCapacityScoring feature gate, which Berth does not
 *     implement: like upstream with the gate off, it must be left out
 */
public record VolumeBindingArgs(Long bindTimeoutSeconds, List<UtilizationShapePoint> shape) {

    /** Upstream's v1 default for {@code bindTimeoutSeconds}. */
    public static final long DEFAULT_BIND_TIMEOUT_SECONDS = 600;

    /** One point of the utilization-to-score function (upstream's {@code UtilizationShapePoint}). */
    public record UtilizationShapePoint(int utilization, int score) {
    }

    public VolumeBindingArgs {
        if (bindTimeoutSeconds == null) {
            bindTimeoutSeconds = DEFAULT_BIND_TIMEOUT_SECONDS;
        }
        shape = shape == null ? null : List.copyOf(shape);
    }

    /** The defaults. */
    public static VolumeBindingArgs defaults() {
        return new VolumeBindingArgs(null, null);
    }

    /** Upstream's {@code ValidateVolumeBindingArgs} with the StorageCapacityScoring gate off. */
    public void validate() {
        if (bindTimeoutSeconds < 0) {
            throw new InvalidArgsException("bindTimeoutSeconds", "invalid BindTimeoutSeconds, should not be a negative value");
        }
        if (shape != null) {
            throw new InvalidArgsException("shape", "unexpected field `shape`, remove it or turn on the feature gate StorageCapacityScoring");
        }
    }
}
