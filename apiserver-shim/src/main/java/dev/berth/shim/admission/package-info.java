/** What kube-apiserver does to an object before storing it: decoding checks, server-owned metadata, defaults and validation. */
package dev.berth.shim.admission;
