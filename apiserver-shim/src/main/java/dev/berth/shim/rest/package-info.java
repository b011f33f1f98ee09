/** The resource endpoints and the Kubernetes semantics behind them: get, list, create, update, delete, status, binding, eviction. */
package dev.berth.shim.rest;
