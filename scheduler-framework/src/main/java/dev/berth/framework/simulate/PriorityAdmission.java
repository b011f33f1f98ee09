package dev.berth.framework.simulate;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Priority admission plugin does to a new pod: {@code spec.priority} from its
 * {@code priorityClassName}, else from the globalDefault class (whose name it then gets), else 0; the
 * class's {@code preemptionPolicy} when the pod has none. A pod that already has a priority is kept as is.
 */
final class PriorityAdmission {

    /** Upstream's built-in classes, which exist in every cluster without being declared. */
    private static final List<PriorityClass> SYSTEM_CLASSES = List.of(
            systemClass("system-cluster-critical", 2_000_000_000),
            systemClass("system-node-critical", 2_000_001_000));

    private final Map<String, PriorityClass> classes = new LinkedHashMap<>();
    private final PriorityClass globalDefault;

    /** @param declared the scenario's PriorityClasses; the first with globalDefault set is the default */
    PriorityAdmission(List<PriorityClass> declared) {
        SYSTEM_CLASSES.forEach(pc -> classes.put(pc.getMetadata().getName(), pc));
        declared.forEach(pc -> classes.put(pc.getMetadata().getName(), pc));
        globalDefault = declared.stream().filter(pc -> Boolean.TRUE.equals(pc.getGlobalDefault())).findFirst().orElse(null);
    }

    private static PriorityClass systemClass(String name, int value) {
        return new PriorityClassBuilder().withNewMetadata().withName(name).endMetadata().withValue(value).build();
    }

    /**
     * A copy of {@code pod} with its priority filled in.
     *
     * @throws ScenarioException if the pod names a PriorityClass that does not exist
     */
    Pod admit(Pod pod) {
        if (pod.getSpec().getPriority() != null) {
            return new PodBuilder(pod).build();
        }
        String className = pod.getSpec().getPriorityClassName();
        PriorityClass pc;
        if (className == null || className.isEmpty()) {
            pc = globalDefault;
        } else {
            pc = classes.get(className);
            if (pc == null) {
                throw new ScenarioException(pod, "spec.priorityClassName", "no PriorityClass with name \"" + className
                        + "\" was found; declare it in the scenario");
            }
        }
        PodBuilder admitted = new PodBuilder(pod);
        if (pc == null) {
            return admitted.editSpec().withPriority(0).endSpec().build();
        }
        String policy = pod.getSpec().getPreemptionPolicy() != null ? pod.getSpec().getPreemptionPolicy() : pc.getPreemptionPolicy();
        return admitted.editSpec()
                .withPriority(pc.getValue() == null ? 0 : pc.getValue())
                .withPriorityClassName(pc.getMetadata().getName())
                .withPreemptionPolicy(policy)
                .endSpec().build();
    }
}
