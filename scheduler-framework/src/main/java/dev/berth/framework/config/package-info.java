/**
 * The scheduler's configuration: upstream's {@code KubeSchedulerConfiguration}
 * ({@code kubescheduler.config.k8s.io/v1}) read from YAML, defaulted as upstream's v1 defaulting does,
 * and validated. {@link dev.berth.framework.config.SchedulerConfigLoader} is the entry point; the
 * records it returns are immutable.
 */
package dev.berth.framework.config;
