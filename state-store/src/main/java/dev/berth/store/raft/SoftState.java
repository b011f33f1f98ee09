package dev.berth.store.raft;

/** Volatile state worth reporting when it changes: who leads and what this node is. Not persisted. */
public record SoftState(long leader, RoleKind role) {}
