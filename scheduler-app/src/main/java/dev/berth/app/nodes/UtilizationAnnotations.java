package dev.berth.app.nodes;

import dev.berth.framework.api.Resource;
import dev.berth.plugins.trimaran.targetloadpacking.AnnotationMetricsSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the node annotations TargetLoadPacking reads, as a metrics agent on each simulated node would: the CPU in
 * use, taken to be the CPU requests of the pods bound to the node that have not finished, in percent of the node's
 * capacity, and when it was read. A node's annotations are written when the percentage changes, and at least every
 * {@link #REFRESH} so the plugin never finds them stale.
 */
final class UtilizationAnnotations {
    private static final Logger LOG = LoggerFactory.getLogger(UtilizationAnnotations.class);
    /** Well inside TargetLoadPacking's default metricsMaxAgeSeconds (300). */
    static final Duration REFRESH = Duration.ofSeconds(60);
    private static final Set<String> FINISHED = Set.of("Succeeded", "Failed");

    private record Written(String percent, Instant at) {
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    UtilizationAnnotations(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * Writes the annotations of each node of {@code cpuCapacity} (millicores by node name) that changed or are due.
     *
     * @param pods every pod the simulator knows, on any node
     */
    void report(Map<String, Long> cpuCapacity, Collection<Pod> pods) {
        Map<String, Long> requested = new HashMap<>();
        for (Pod pod : pods) {
            String node = pod.getSpec().getNodeName();
            if (node != null && cpuCapacity.containsKey(node) && (pod.getStatus() == null || !FINISHED.contains(pod.getStatus().getPhase()))) {
                requested.merge(node, Resource.podRequests(pod).milliCpu(), Long::sum);
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        cpuCapacity.forEach((node, capacity) -> {
            String percent = String.format(Locale.ROOT, "%.1f", capacity == 0 ? 0 : 100.0 * requested.getOrDefault(node, 0L) / capacity);
            Written last = written.get(node);
            if (last == null || !last.percent().equals(percent) || !now.isBefore(last.at().plus(REFRESH))) {
                write(node, percent, now);
            }
        });
    }

    private void write(String node, String percent, Instant now) {
        String patch = "{\"metadata\":{\"annotations\":{\"%s\":\"%s\",\"%s\":\"%s\"}}}".formatted(
                AnnotationMetricsSource.CPU_UTILIZATION, percent, AnnotationMetricsSource.CPU_UTILIZATION_TIMESTAMP, now);
        try {
            client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            written.put(node, new Written(percent, now));
        } catch (KubernetesClientException e) {
            LOG.debug("writing the utilisation of node {} failed: {}", node, e.getMessage());
        }
    }
}
