package dev.berth.framework.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorityAdmissionTest {

    private static PriorityClass priorityClass(String name, int value, boolean globalDefault) {
        return new PriorityClassBuilder().withNewMetadata().withName(name).endMetadata()
                .withValue(value).withGlobalDefault(globalDefault).withPreemptionPolicy("Never").build();
    }

    private static PodBuilder pod() {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName("c").endContainer().endSpec();
    }

    private static final PriorityAdmission ADMISSION = new PriorityAdmission(List.of(
            priorityClass("high", 1000, false), priorityClass("fallback", 7, true)));

    @Test
    void explicitPriorityWins() {
        Pod pod = ADMISSION.admit(pod().editSpec().withPriority(3).withPriorityClassName("high").endSpec().build());

        assertThat(pod.getSpec().getPriority()).isEqualTo(3);
    }

    @Test
    void priorityClassGivesValueAndPreemptionPolicy() {
        Pod pod = ADMISSION.admit(pod().editSpec().withPriorityClassName("high").endSpec().build());

        assertThat(pod.getSpec().getPriority()).isEqualTo(1000);
        assertThat(pod.getSpec().getPreemptionPolicy()).isEqualTo("Never");
    }

    @Test
    void globalDefaultAppliesWithoutAClassName() {
        Pod pod = ADMISSION.admit(pod().build());

        assertThat(pod.getSpec().getPriority()).isEqualTo(7);
        assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("fallback");
    }

    @Test
    void zeroWithoutAnyClassAndBuiltInClassesExist() {
        PriorityAdmission none = new PriorityAdmission(List.of());

        assertThat(none.admit(pod().build()).getSpec().getPriority()).isZero();
        assertThat(none.admit(pod().editSpec().withPriorityClassName("system-node-critical").endSpec().build())
                .getSpec().getPriority()).isEqualTo(2_000_001_000);
    }
}
