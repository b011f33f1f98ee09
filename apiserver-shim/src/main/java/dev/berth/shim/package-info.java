/**
 * The Kubernetes API shim: Kubernetes REST on Vert.x, backed by the state store (DESIGN.md). {@code resource}
 * describes what is served.
 */
package dev.berth.shim;
