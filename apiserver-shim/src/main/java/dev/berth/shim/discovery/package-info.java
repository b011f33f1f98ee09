/** The discovery documents (/version, /api, /apis, APIResourceLists) and health endpoints, derived from the resource catalog. */
package dev.berth.shim.discovery;
