package dev.berth.shim.rest;

import dev.berth.shim.storage.StoredObject;

/**
 * What a delete did: {@code removed} the object (200, with the object as it was), or only marked it for deletion
 * (202: a grace period or finalizers pending, with the object as marked).
 */
public record Deletion(StoredObject object, boolean removed) {
}
