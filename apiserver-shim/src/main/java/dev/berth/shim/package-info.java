/**
 * The Kubernetes API shim (planned, see DESIGN.md): Kubernetes REST on Vert.x, backed by the state store.
 */
package dev.berth.shim;
