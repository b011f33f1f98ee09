package dev.berth.plugins.trimaran.targetloadpacking;

import io.fabric8.kubernetes.api.model.Node;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Utilisation from two node annotations, written by whatever measures the node (a DaemonSet, a metrics exporter,
 * Berth's node simulator, or {@code kubectl annotate}): {@value #CPU_UTILIZATION}, a percentage of the node's CPU
 * capacity such as {@code "37.5"}, and {@value #CPU_UTILIZATION_TIMESTAMP}, when it was measured in RFC 3339. A node
 * missing either, or with one that does not parse, has no utilisation.
 */
public final class AnnotationMetricsSource implements NodeMetricsSource {

    /** The CPU in use, in percent of the node's capacity. */
    public static final String CPU_UTILIZATION = "berth.dev/cpu-utilization";
    /** When {@link #CPU_UTILIZATION} was measured, e.g. {@code 2026-11-26T06:30:00Z}. */
    public static final String CPU_UTILIZATION_TIMESTAMP = "berth.dev/cpu-utilization-timestamp";

    private static final Logger LOG = LoggerFactory.getLogger(AnnotationMetricsSource.class);

    @Override
    public Optional<NodeCpuUtilization> cpuUtilization(Node node) {
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        if (annotations == null) {
            return Optional.empty();
        }
        String percent = annotations.get(CPU_UTILIZATION);
        String measuredAt = annotations.get(CPU_UTILIZATION_TIMESTAMP);
        if (percent == null || measuredAt == null) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(percent.trim());
            if (!Double.isFinite(value) || value < 0) {
                LOG.debug("node {}: {} {} is not a percentage; no utilisation", node.getMetadata().getName(), CPU_UTILIZATION, percent);
                return Optional.empty();
            }
            return Optional.of(new NodeCpuUtilization(value, Instant.parse(measuredAt.trim())));
        } catch (NumberFormatException | DateTimeParseException e) {
            LOG.debug("node {}: unreadable utilisation annotations ({}); no utilisation", node.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }
}
