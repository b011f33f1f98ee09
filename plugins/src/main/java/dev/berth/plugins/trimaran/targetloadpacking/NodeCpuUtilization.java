package dev.berth.plugins.trimaran.targetloadpacking;

import java.time.Instant;

/**
 * A node's measured CPU utilisation (load-watcher's CPU metric with operator Latest or Average).
 *
 * @param percent the share of the node's CPU capacity in use, 0..100
 * @param measuredAt when it was measured (load-watcher's window end): pods placed shortly before may not show in it
 */
public record NodeCpuUtilization(double percent, Instant measuredAt) {
}
