package dev.berth.framework.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.framework.queue.PendingCounts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The exported names must be upstream's, so kube-scheduler dashboards and alerts work unchanged. */
class SchedulerMetricsTest {

    @Test
    void exportsUpstreamNamesAndLabels() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SchedulerMetrics metrics = new SchedulerMetrics(registry);
        metrics.bindPendingPods(() -> new PendingCounts(3, 2, 1, 0));
        metrics.scheduleAttempt(SchedulerMetrics.Result.SCHEDULED, "default-scheduler", 2_000_000);
        metrics.extensionPoint("Filter", "Success", "default-scheduler", 1000);
        metrics.pluginExecution("NodeResourcesFit", "Filter", "Success", 1000);
        metrics.preemption(2);
        metrics.podScheduled(1, java.time.Duration.ofMillis(5));

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"scheduled\"} 1")
                .contains("scheduler_scheduling_attempt_duration_seconds_bucket{profile=\"default-scheduler\",result=\"scheduled\",le=\"0.002\"} 1")
                .contains("scheduler_framework_extension_point_duration_seconds_count{extension_point=\"Filter\",profile=\"default-scheduler\",status=\"Success\"} 1")
                .contains("scheduler_plugin_execution_duration_seconds_count{extension_point=\"Filter\",plugin=\"NodeResourcesFit\",status=\"Success\"} 1")
                .contains("scheduler_pending_pods{queue=\"active\"} 3")
                .contains("scheduler_pending_pods{queue=\"backoff\"} 2")
                .contains("scheduler_preemption_attempts_total 1")
                .contains("scheduler_preemption_victims_count 1")
                .contains("scheduler_pod_scheduling_attempts_count 1");
    }
}
