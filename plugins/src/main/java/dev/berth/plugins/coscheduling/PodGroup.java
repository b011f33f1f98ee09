package dev.berth.plugins.coscheduling;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Map;
import java.util.Optional;

/**
 * scheduler-plugins' {@code scheduling.x-k8s.io/v1alpha1} PodGroup: a gang of pods that must be
 * scheduled together, at least {@code spec.minMember} of them. Pods join a group with the label
 * {@value #LABEL}; a group and its pods live in one namespace.
 */
@Group(PodGroup.GROUP)
@Version(PodGroup.VERSION)
public final class PodGroup extends CustomResource<PodGroupSpec, PodGroupStatus> implements Namespaced {

    public static final String GROUP = "scheduling.x-k8s.io";
    public static final String VERSION = "v1alpha1";

    /** The label naming a pod's group (upstream's {@code v1alpha1.PodGroupLabel}). */
    public static final String LABEL = "scheduling.x-k8s.io/pod-group";

    /** The name of {@code pod}'s group, if it belongs to one (upstream's {@code GetPodGroupLabel}). */
    public static Optional<String> nameOf(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        String name = labels == null ? null : labels.get(LABEL);
        return name == null || name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /** {@code namespace/name} of {@code pod}'s group, if it belongs to one (upstream's {@code GetPodGroupFullName}). */
    public static Optional<String> fullNameOf(Pod pod) {
        return nameOf(pod).map(name -> pod.getMetadata().getNamespace() + "/" + name);
    }

    /** {@code namespace/name} of this group. */
    public String fullName() {
        return getMetadata().getNamespace() + "/" + getMetadata().getName();
    }

    /** {@code spec.minMember}; a group without a spec needs no pods. */
    public int minMember() {
        return getSpec() == null || getSpec().minMember() == null ? 0 : getSpec().minMember();
    }
}
