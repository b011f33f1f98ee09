package dev.berth.framework.simulate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed scenario ({@link ScenarioReader}).
 *
 * @param objects the Kubernetes objects, in file order
 * @param configuration the KubeSchedulerConfiguration document as YAML, or {@code null} without one
 * @param configurationRef where that document is, or {@code null}
 * @param origins where each object came from, by identity
 */
public record Scenario(List<HasMetadata> objects, String configuration, DocumentRef configurationRef,
                Map<HasMetadata, DocumentRef> origins) {

    public Scenario {
        objects = List.copyOf(objects);
        origins = Collections.unmodifiableMap(new IdentityHashMap<>(origins));
    }

    /** Where {@code object} (one of {@link #objects()}) came from. */
    public Optional<DocumentRef> originOf(HasMetadata object) {
        return Optional.ofNullable(origins.get(object));
    }
}
