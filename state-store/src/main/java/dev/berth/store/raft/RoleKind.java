package dev.berth.store.raft;

/** The role a node plays. */
public enum RoleKind { FOLLOWER, PRE_CANDIDATE, CANDIDATE, LEADER }
