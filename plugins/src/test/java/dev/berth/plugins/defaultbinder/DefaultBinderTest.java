package dev.berth.plugins.defaultbinder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.api.CycleState;
import dev.berth.framework.api.Status;
import dev.berth.framework.cluster.InMemoryCluster;
import dev.berth.plugins.testing.MakePod;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

/** As upstream's TestDefaultBinder: a bind sets the node; a failing bind is an Error status. */
class DefaultBinderTest {

    @Test
    void bindsThroughTheCluster() {
        InMemoryCluster cluster = new InMemoryCluster();
        Pod pod = cluster.create(MakePod.pod("foo").build());

        Status s = new DefaultBinder(cluster).bind(new CycleState(), pod, "foohost.kubernetes.mydomain.com");

        assertThat(s).isSameAs(Status.SUCCESS);
        assertThat(cluster.get(Pod.class, "default", "foo").orElseThrow().getSpec().getNodeName())
                .isEqualTo("foohost.kubernetes.mydomain.com");
    }

    @Test
    void aFailedBindIsAnError() {
        InMemoryCluster cluster = new InMemoryCluster();
        Pod missing = MakePod.pod("gone").build();

        Status s = new DefaultBinder(cluster).bind(new CycleState(), missing, "n1");

        assertThat(s.code()).isEqualTo(Status.Code.ERROR);
        assertThat(s.message()).contains("pod default/gone").contains("not found");
    }
}
