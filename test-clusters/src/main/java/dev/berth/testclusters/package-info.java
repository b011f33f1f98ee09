/**
 * Cluster targets for the end-to-end suite: {@code embedded} (berth.jar as processes: store, shim, simulated nodes and
 * the scheduler), {@code kind} (a kind cluster with Berth deployed from {@code deploy/}) and {@code existing} (a
 * kubeconfig's cluster). {@link dev.berth.testclusters.ClusterTargetExtension} picks one and hands tests its client.
 */
package dev.berth.testclusters;
