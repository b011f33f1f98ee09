package dev.berth.store.raft;

import com.google.protobuf.ByteString;

/**
 * The answer to {@link RaftNode#readIndex}: once this node has applied up to {@code index}, a read
 * identified by {@code context} sees every write that completed before the read started.
 */
public record ReadState(long index, ByteString context) {}
