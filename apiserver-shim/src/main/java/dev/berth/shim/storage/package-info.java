/** Kubernetes objects in the etcd v3 store: keys, revisions as resourceVersions, conditional writes, continue tokens. */
package dev.berth.shim.storage;
