package dev.berth.plugins.coscheduling;

import dev.berth.framework.api.WaitingPod;
import dev.berth.plugins.testing.MakePod;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** PodGroups, gang pods and waiting pods for Coscheduling's tests (upstream's {@code tu.MakePodGroup}). */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** One default-scheduler profile: the default plugins plus Coscheduling at every point, as the only QueueSort. */
    static final String COSCHEDULING_PROFILE = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
            - schedulerName: default-scheduler
              plugins:
                multiPoint:
                  enabled:
                  - name: Coscheduling
                queueSort:
                  enabled:
                  - name: Coscheduling
                  disabled:
                  - name: "*"
            """;

    private Fixtures() {
    }

    static PodGroup podGroup(String namespace, String name, int minMember) {
        return podGroup(namespace, name, minMember, null, null);
    }

    static PodGroup podGroup(String namespace, String name, int minMember, Instant created, Integer scheduleTimeoutSeconds) {
        PodGroup pg = new PodGroup();
        pg.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name)
                .withCreationTimestamp(created == null ? null : created.toString()).build());
        pg.setSpec(new PodGroupSpec(minMember, null, scheduleTimeoutSeconds));
        return pg;
    }

    /** A pod named {@code name} in {@code namespace}, its uid its name, in {@code group} unless that is null. */
    static MakePod member(String namespace, String name, String group) {
        MakePod pod = MakePod.pod(name).namespace(namespace).uid(name);
        return group == null ? pod : pod.label(PodGroup.LABEL, group);
    }

    /** A pod held at Permit that records what plugins decide about it. */
    static final class FakeWaitingPod implements WaitingPod {

        private final Pod pod;
        final List<String> allowedBy = new ArrayList<>();
        final List<String> rejections = new ArrayList<>();

        FakeWaitingPod(Pod pod) {
            this.pod = pod;
        }

        @Override
        public Pod pod() {
            return pod;
        }

        @Override
        public String nodeName() {
            return "node";
        }

        @Override
        public Set<String> pendingPlugins() {
            return Set.of(Coscheduling.NAME);
        }

        @Override
        public void allow(String pluginName) {
            allowedBy.add(pluginName);
        }

        @Override
        public void reject(String pluginName, String message) {
            rejections.add(pluginName + ": " + message);
        }
    }
}
