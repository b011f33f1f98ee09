/**
 * The scheduler's cache of the cluster (upstream {@code pkg/scheduler/backend/cache}): the nodes and
 * the pods bound or assumed on them, and the incremental {@link dev.berth.framework.cache.Snapshot}
 * the scheduling cycle reads.
 *
 * <p>{@link dev.berth.framework.cache.SchedulerCache} is written by informer, scheduling and binding
 * threads; a {@link dev.berth.framework.cache.Snapshot} is owned by the scheduling loop and brought up
 * to date once per cycle with {@link dev.berth.framework.cache.SchedulerCache#updateSnapshot}.
 */
package dev.berth.framework.cache;
