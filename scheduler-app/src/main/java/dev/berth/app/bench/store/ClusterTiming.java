package dev.berth.app.bench.store;

/** Raft timing both systems get: etcd's defaults for heartbeat and election, and a snapshot every 10,000 entries. */
record ClusterTiming(int heartbeatMillis, int electionMillis, long snapshotCount) {
    static final ClusterTiming DEFAULT = new ClusterTiming(100, 1000, 10_000);
}
