/** Watches: store watch events turned into Kubernetes watch events, over chunked HTTP or WebSocket. */
package dev.berth.shim.watch;
