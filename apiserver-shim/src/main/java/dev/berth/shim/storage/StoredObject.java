package dev.berth.shim.storage;

import tools.jackson.databind.node.ObjectNode;

/**
 * An object as read from the store: its key, the object with {@code metadata.resourceVersion} set to the key's
 * mod revision, and that revision.
 */
public record StoredObject(String key, ObjectNode object, long modRevision) {
}
