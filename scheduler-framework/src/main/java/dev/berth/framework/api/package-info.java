/**
 * The Berth plugin API: everything a scheduler plugin author compiles against.
 *
 * <p>The names mirror upstream kube-scheduler's scheduling framework
 * ({@code k8s.io/kubernetes/pkg/scheduler/framework}), so upstream documentation applies:
 * a plugin implements one or more extension-point interfaces ({@link dev.berth.framework.api.FilterPlugin},
 * {@link dev.berth.framework.api.ScorePlugin}, ...), is created by a {@link dev.berth.framework.api.PluginFactory}
 * found through {@link java.util.ServiceLoader}, and talks to the scheduler only through the
 * {@link dev.berth.framework.api.Handle} it is given.
 *
 * <p>Pods and nodes are fabric8 model objects ({@code io.fabric8.kubernetes.api.model}). The scheduler
 * hands plugins snapshots: never mutate a {@link io.fabric8.kubernetes.api.model.Pod} or
 * {@link dev.berth.framework.api.NodeInfo} you did not copy yourself.
 *
 * <p>Rules of thumb: Filter and Score run in parallel over many nodes, so they must be thread-safe and
 * must not do I/O; precompute in PreFilter/PreScore and keep the result in {@link dev.berth.framework.api.CycleState}.
 * A plugin that throws yields an {@link dev.berth.framework.api.Status.Code#ERROR} status for that pod; the
 * scheduler keeps going.
 *
 * <p>Everything outside this package may change between Berth releases without notice.
 */
package dev.berth.framework.api;
