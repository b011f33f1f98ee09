/**
 * Cluster targets for end-to-end tests and benchmarks (planned, see DESIGN.md): embedded, kind and existing clusters, the node simulator and the scheduler_perf-style workloads.
 */
package dev.berth.testclusters;
