package dev.berth.framework.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisruptionBudgetStatusTest {

    /** Four "app: db" pods in "default", three of them running, and one elsewhere that must not count. */
    private static final List<Pod> PODS = List.of(
            pod("default", "db-0", "node-a"), pod("default", "db-1", "node-a"), pod("default", "db-2", "node-b"),
            pod("default", "db-3", null), pod("other", "db-9", "node-a"));

    private static Pod pod(String namespace, String name, String node) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).addToLabels("app", "db").endMetadata()
                .withNewSpec().withNodeName(node).endSpec().build();
    }

    private static PodDisruptionBudgetBuilder pdb() {
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName("db").withNamespace("default").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "db").endSelector().endSpec();
    }

    private static int allowed(PodDisruptionBudget pdb) {
        return DisruptionBudgetStatus.fill(pdb, PODS).getStatus().getDisruptionsAllowed();
    }

    @Test
    void minAvailableNumber() {
        assertThat(allowed(pdb().editSpec().withMinAvailable(new IntOrString(2)).endSpec().build())).isEqualTo(1);
        assertThat(allowed(pdb().editSpec().withMinAvailable(new IntOrString(4)).endSpec().build())).isZero();
    }

    @Test
    void minAvailablePercentRoundsUp() {
        // 60% of 4 expected = 2.4, rounded up to 3 desired; 3 healthy - 3 = 0.
        assertThat(allowed(pdb().editSpec().withMinAvailable(new IntOrString("60%")).endSpec().build())).isZero();
        // 50% of 4 = 2 desired: 3 healthy - 2 = 1.
        assertThat(allowed(pdb().editSpec().withMinAvailable(new IntOrString("50%")).endSpec().build())).isEqualTo(1);
    }

    @Test
    void maxUnavailable() {
        PodDisruptionBudget filled = DisruptionBudgetStatus.fill(
                pdb().editSpec().withMaxUnavailable(new IntOrString(2)).endSpec().build(), PODS);

        assertThat(filled.getStatus().getExpectedPods()).isEqualTo(4);
        assertThat(filled.getStatus().getCurrentHealthy()).isEqualTo(3);
        assertThat(filled.getStatus().getDesiredHealthy()).isEqualTo(2);
        assertThat(filled.getStatus().getDisruptionsAllowed()).isEqualTo(1);
    }

    @Test
    void givenStatusIsKept() {
        PodDisruptionBudget given = pdb().editSpec().withMinAvailable(new IntOrString(4)).endSpec()
                .withNewStatus().withDisruptionsAllowed(5).endStatus().build();

        assertThat(allowed(given)).isEqualTo(5);
    }

    @Test
    void badPercentageNamesTheField() {
        PodDisruptionBudget bad = pdb().editSpec().withMinAvailable(new IntOrString("half")).endSpec().build();

        assertThatThrownBy(() -> DisruptionBudgetStatus.fill(bad, PODS))
                .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.field()).isEqualTo("spec.minAvailable"));
    }
}
