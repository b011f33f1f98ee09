package dev.berth.store.raft;

import dev.berth.store.raft.pb.ConfState;

/** A point-in-time view of a node for logs, metrics, the Maintenance API and tests. */
public record RaftStatus(
        long id,
        RoleKind role,
        long term,
        long vote,
        long leader,
        long commit,
        long applied,
        long lastIndex,
        ConfState confState,
        long leadTransferee) {}
