package dev.berth.plugins.coscheduling;

import static dev.berth.plugins.coscheduling.Fixtures.member;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PodGroup as the fabric8 client reads and writes it, and the label that makes a pod a member. */
class PodGroupTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void readsUpstreamsManifest() {
        PodGroup pg = SERIALIZATION.unmarshal("""
                apiVersion: scheduling.x-k8s.io/v1alpha1
                kind: PodGroup
                metadata:
                  name: nginx
                  namespace: web
                spec:
                  scheduleTimeoutSeconds: 10
                  minMember: 3
                  minResources: {cpu: "6"}
                status:
                  phase: Running
                  running: 3
                """, PodGroup.class);

        assertThat(pg.fullName()).isEqualTo("web/nginx");
        assertThat(pg.minMember()).isEqualTo(3);
        assertThat(pg.getSpec()).isEqualTo(new PodGroupSpec(3, Map.of("cpu", new Quantity("6")), 10));
        assertThat(pg.getStatus().phase()).isEqualTo("Running");
        assertThat(pg.getStatus().running()).isEqualTo(3);
    }

    @Test
    void writesApiVersionKindAndOnlyTheFieldsSet() {
        String json = SERIALIZATION.asJson(Fixtures.podGroup("ns", "pg", 2));

        assertThat(json).contains("\"apiVersion\":\"scheduling.x-k8s.io/v1alpha1\"", "\"kind\":\"PodGroup\"",
                "\"spec\":{\"minMember\":2}").doesNotContain("null");
    }

    @Test
    void isTheResourceTheApiServerServes() {
        assertThat(HasMetadata.getApiVersion(PodGroup.class)).isEqualTo("scheduling.x-k8s.io/v1alpha1");
        assertThat(HasMetadata.getPlural(PodGroup.class)).isEqualTo("podgroups");
    }

    @Test
    void aPodIsAMemberThroughItsLabel() {
        assertThat(PodGroup.fullNameOf(member("ns", "p", "pg").build())).contains("ns/pg");
        assertThat(PodGroup.fullNameOf(member("ns", "p", null).build())).isEmpty();
        assertThat(PodGroup.nameOf(member("ns", "p", "").build())).isEmpty();
    }
}
