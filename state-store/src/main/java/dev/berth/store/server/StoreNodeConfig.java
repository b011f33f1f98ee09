package dev.berth.store.server;

import dev.berth.store.raft.RaftConfig;
import dev.berth.store.tls.TlsSettings;
import dev.berth.store.transport.TransportOptions;
import dev.berth.store.wal.WalOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One store member's settings, named after etcd's flags where one exists.
 *
 * @param name {@code --name}
 * @param dataDir {@code --data-dir}; the WAL lives in {@code member/wal}, snapshots in {@code member/snap}
 * @param peerUrl {@code --listen-peer-urls}: where this member accepts Raft traffic (http:// or https://host:port)
 * @param advertisePeerUrl {@code --initial-advertise-peer-urls}: how the others reach it
 * @param initialCluster {@code --initial-cluster}: name → advertised peer URL of every initial member
 * @param newCluster {@code --initial-cluster-state new} (true) or {@code existing} (false: joining)
 * @param clusterToken {@code --initial-cluster-token}
 * @param tickInterval {@code --heartbeat-interval}: one Raft tick
 * @param electionTicks {@code --election-timeout} divided by the heartbeat interval
 * @param snapshotCount {@code --snapshot-count}: applied entries between snapshots, at least (see {@link SnapshotExport#records()})
 * @param requestTimeout how long a proposal or read may wait before it fails as timed out
 * @param walOptions segment size and whether to fsync (always on outside tests)
 * @param peerTls {@code --peer-cert-file}, {@code --peer-key-file}, {@code --peer-trusted-ca-file},
 *     {@code --peer-client-cert-auth}: TLS on an https:// peer URL and to https:// peers
 */
public record StoreNodeConfig(
        String name,
        Path dataDir,
        URI peerUrl,
        URI advertisePeerUrl,
        Map<String, URI> initialCluster,
        boolean newCluster,
        String clusterToken,
        Duration tickInterval,
        int electionTicks,
        long snapshotCount,
        Duration requestTimeout,
        WalOptions walOptions,
        TlsSettings peerTls) {

    public StoreNodeConfig {
        require(name != null && !name.isBlank(), "--name", "must be set");
        require(dataDir != null, "--data-dir", "must be set");
        require(peerUrl != null && peerUrl.getPort() > 0, "--listen-peer-urls", "needs a host and port, e.g. http://127.0.0.1:2380");
        require(advertisePeerUrl != null, "--initial-advertise-peer-urls", "must be set");
        initialCluster = Map.copyOf(new LinkedHashMap<>(initialCluster));
        require(!newCluster || initialCluster.containsKey(name), "--initial-cluster",
                "must list this member's own name '" + name + "'");
        require(!newCluster || advertisePeerUrl.equals(initialCluster.get(name)), "--initial-advertise-peer-urls",
                "must equal this member's URL in --initial-cluster (" + initialCluster.get(name) + ")");
        for (var e : initialCluster.entrySet()) {
            require(e.getValue().getHost() != null && e.getValue().getPort() > 0, "--initial-cluster",
                    "member " + e.getKey() + " needs a host and port, got " + e.getValue());
        }
        require(tickInterval != null && !tickInterval.isNegative() && !tickInterval.isZero(), "--heartbeat-interval",
                "must be positive");
        require(electionTicks > 1, "--election-timeout", "must be more than one heartbeat interval");
        require(snapshotCount > 0, "--snapshot-count", "must be positive");
        require(requestTimeout != null && !requestTimeout.isNegative() && !requestTimeout.isZero(), "request timeout",
                "must be positive");
        require(peerTls != null && peerTls.kind() == TlsSettings.Kind.PEER, "peer TLS settings", "must be set");
        peerTls.validate(peerUrl, "--listen-peer-urls");
    }

    /** A member whose peer URLs are http:// (no peer certificates). */
    public StoreNodeConfig(String name, Path dataDir, URI peerUrl, URI advertisePeerUrl, Map<String, URI> initialCluster,
            boolean newCluster, String clusterToken, Duration tickInterval, int electionTicks, long snapshotCount,
            Duration requestTimeout, WalOptions walOptions) {
        this(name, dataDir, peerUrl, advertisePeerUrl, initialCluster, newCluster, clusterToken, tickInterval, electionTicks,
                snapshotCount, requestTimeout, walOptions, TlsSettings.none(TlsSettings.Kind.PEER));
    }

    /** These settings with peer certificates {@code tls}. */
    public StoreNodeConfig withPeerTls(TlsSettings tls) {
        return new StoreNodeConfig(name, dataDir, peerUrl, advertisePeerUrl, initialCluster, newCluster, clusterToken,
                tickInterval, electionTicks, snapshotCount, requestTimeout, walOptions, tls);
    }

    /** The peer transport's options: listening on the peer URL, over TLS if it is https://. */
    TransportOptions transportOptions() {
        return TransportOptions.defaults(peerUrl.getHost(), peerUrl.getPort())
                .withTls(peerTls, "https".equals(peerUrl.getScheme()));
    }

    /** etcd's defaults: 100 ms heartbeat, 1 s election timeout; a snapshot every 10,000 entries. */
    public static StoreNodeConfig of(String name, Path dataDir, URI peerUrl, Map<String, URI> initialCluster) {
        return new StoreNodeConfig(name, dataDir, peerUrl, peerUrl, initialCluster, true, "berth-cluster",
                Duration.ofMillis(100), 10, 10_000, Duration.ofSeconds(5), WalOptions.defaults());
    }

    public long memberId() {
        return MemberIds.of(List.of(advertisePeerUrl.toString()), clusterToken);
    }

    public long memberId(String member) {
        return MemberIds.of(List.of(initialCluster.get(member).toString()), clusterToken);
    }

    RaftConfig raftConfig() {
        RaftConfig defaults = RaftConfig.defaults(memberId());
        return new RaftConfig(memberId(), electionTicks, 1, defaults.maxSizePerMessage(), defaults.maxInflightMessages(),
                defaults.maxInflightBytes(), defaults.maxApplyBytes(), true, true, defaults.readOnlyOption(), 0);
    }

    Path walDir() {
        return walDir(dataDir);
    }

    Path snapDir() {
        return snapDir(dataDir);
    }

    /** Where the WAL of the member whose {@code --data-dir} is {@code dataDir} lives. */
    static Path walDir(Path dataDir) {
        return dataDir.resolve("member").resolve("wal");
    }

    /** Where the snapshots of the member whose {@code --data-dir} is {@code dataDir} live. */
    static Path snapDir(Path dataDir) {
        return dataDir.resolve("member").resolve("snap");
    }

    private static void require(boolean ok, String flag, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(flag + " " + rule);
        }
    }
}
