package dev.berth.app.store;

import dev.berth.app.UsageException;
import dev.berth.store.StoreServer;
import dev.berth.store.etcd.EtcdApiServer;
import dev.berth.store.server.StoreNodeConfig;
import dev.berth.store.tls.TlsSettings;
import dev.berth.store.wal.WalOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth store}: one store member (Raft peer) serving the etcd v3 API, with etcd's flag names. */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = "Run one store member: a Raft peer of the replicated MVCC store, serving the etcd v3 API on its client URLs. "
                + "Flags are etcd's, so etcd users know them.",
        footer = {"", "Example: a three-member cluster on one machine (start all three):",
                "  berth store --name n1 --data-dir n1 --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \\",
                "      --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \\",
                "      --initial-cluster n1=http://127.0.0.1:2380,n2=http://127.0.0.1:2382,n3=http://127.0.0.1:2384",
                "  ETCDCTL_API=3 etcdctl --endpoints=127.0.0.1:2379 put foo bar",
                "",
                "TLS: https:// client URLs need --cert-file and --key-file, https:// peer URLs --peer-cert-file and --peer-key-file."})
public final class StoreCommand implements Callable<Integer> {
    @Option(names = "--name", defaultValue = "default", description = "Member name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--data-dir", description = "Where the WAL, snapshots and store files go (default: <name>.berth).")
    Path dataDir;

    @Option(names = "--listen-client-urls", defaultValue = "http://127.0.0.1:2379",
            description = "Where the etcd API listens (default: ${DEFAULT-VALUE}; one URL).")
    String listenClientUrls;

    @Option(names = "--advertise-client-urls", description = "Client URLs other members and MemberList show (default: the listen URLs).")
    String advertiseClientUrls;

    @Option(names = "--listen-peer-urls", defaultValue = "http://127.0.0.1:2380",
            description = "Where Raft traffic from other members arrives (default: ${DEFAULT-VALUE}; one URL).")
    String listenPeerUrls;

    @Option(names = "--initial-advertise-peer-urls", description = "How other members reach this one (default: the listen peer URL).")
    String initialAdvertisePeerUrls;

    @Option(names = "--initial-cluster", description = "Every initial member as name=peerURL, comma-separated (default: this member alone).")
    String initialCluster;

    @Option(names = "--initial-cluster-state", defaultValue = "new",
            description = "'new' to bootstrap a cluster, 'existing' to join one (after MemberAdd) (default: ${DEFAULT-VALUE}).")
    String initialClusterState;

    @Option(names = "--initial-cluster-token", defaultValue = "etcd-cluster", description = "Cluster token (default: ${DEFAULT-VALUE}).")
    String initialClusterToken;

    @Option(names = "--heartbeat-interval", defaultValue = "100", description = "Milliseconds per heartbeat (Raft tick) (default: ${DEFAULT-VALUE}).")
    int heartbeatMillis;

    @Option(names = "--election-timeout", defaultValue = "1000", description = "Milliseconds without a leader before an election (default: ${DEFAULT-VALUE}).")
    int electionMillis;

    @Option(names = "--snapshot-count", defaultValue = "10000", description = "Applied entries between snapshots, at least; once the store holds more values than this, as many entries as the last snapshot held values, up to 100000 (default: ${DEFAULT-VALUE}).")
    long snapshotCount;

    @Option(names = "--max-request-bytes", defaultValue = "" + EtcdApiServer.DEFAULT_MAX_REQUEST_BYTES,
            description = "Largest client request in bytes; larger ones get etcd's 'request is too large' (default: ${DEFAULT-VALUE}).")
    int maxRequestBytes;

    @Option(names = "--cert-file", description = "PEM certificate served on https:// client URLs.")
    Path certFile;

    @Option(names = "--key-file", description = "PEM private key of --cert-file.")
    Path keyFile;

    @Option(names = "--trusted-ca-file", description = "PEM CA certificates that client certificates must chain to.")
    Path trustedCaFile;

    @Option(names = "--client-cert-auth", arity = "0..1", fallbackValue = "true",
            description = "Refuse clients of https:// client URLs without a certificate signed by --trusted-ca-file.")
    boolean clientCertAuth;

    @Option(names = "--peer-cert-file", description = "PEM certificate served on an https:// peer URL and presented to https:// peers.")
    Path peerCertFile;

    @Option(names = "--peer-key-file", description = "PEM private key of --peer-cert-file.")
    Path peerKeyFile;

    @Option(names = "--peer-trusted-ca-file", description = "PEM CA certificates that peers' certificates must chain to.")
    Path peerTrustedCaFile;

    @Option(names = "--peer-client-cert-auth", arity = "0..1", fallbackValue = "true",
            description = "Refuse peers without a certificate signed by --peer-trusted-ca-file.")
    boolean peerClientCertAuth;

    @Override
    public Integer call() throws Exception {
        StoreServer.Settings settings = settings();
        try (StoreServer server = StoreServer.start(settings)) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "berth-store-shutdown"));
            server.awaitStopped();
        }
        return 0;
    }

    /**
     * etcd's request timeout (its {@code ReqTimeout}): 5 s plus two election timeouts, so a request outlives the
     * election a leader's loss sets off. A flat 5 s failed requests etcd still completed on a loaded machine.
     */
    static Duration requestTimeout(int electionMillis) {
        return Duration.ofSeconds(5).plusMillis(2L * electionMillis);
    }

    StoreServer.Settings settings() {
        URI peerUrl = single("--listen-peer-urls", listenPeerUrls);
        URI advertisePeer = initialAdvertisePeerUrls == null ? peerUrl : single("--initial-advertise-peer-urls", initialAdvertisePeerUrls);
        URI clientUrl = single("--listen-client-urls", listenClientUrls);
        List<URI> advertiseClients = advertiseClientUrls == null ? List.of(clientUrl)
                : StoreFlags.urls("--advertise-client-urls", advertiseClientUrls);
        Map<String, URI> cluster = initialCluster == null ? Map.of(name, advertisePeer) : StoreFlags.initialCluster(initialCluster);
        boolean newCluster = switch (initialClusterState) {
            case "new" -> true;
            case "existing" -> false;
            default -> throw new UsageException("--initial-cluster-state: must be 'new' or 'existing', got \"" + initialClusterState + "\"");
        };
        if (heartbeatMillis < 1) {
            throw new UsageException("--heartbeat-interval: must be at least 1 ms, got " + heartbeatMillis);
        }
        if (electionMillis < 5 * heartbeatMillis) {
            throw new UsageException("--election-timeout: must be at least 5 x --heartbeat-interval (" + 5 * heartbeatMillis + " ms), got "
                    + electionMillis);
        }
        TlsSettings peerTls = new TlsSettings(TlsSettings.Kind.PEER, peerCertFile, peerKeyFile, peerTrustedCaFile, peerClientCertAuth);
        TlsSettings clientTls = new TlsSettings(TlsSettings.Kind.CLIENT, certFile, keyFile, trustedCaFile, clientCertAuth);
        try {
            StoreNodeConfig config = new StoreNodeConfig(name, dataDir != null ? dataDir : Path.of(name + ".berth"), peerUrl,
                    advertisePeer, cluster, newCluster, initialClusterToken, Duration.ofMillis(heartbeatMillis),
                    electionMillis / heartbeatMillis, snapshotCount, requestTimeout(electionMillis), WalOptions.defaults(), peerTls);
            return new StoreServer.Settings(config, clientUrl, advertiseClients.stream().map(URI::toString).toList(), clientTls,
                    maxRequestBytes);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static URI single(String flag, String value) {
        List<URI> urls = StoreFlags.urls(flag, value);
        if (urls.size() != 1) {
            throw new UsageException(flag + ": give exactly one URL (serving several is not supported yet), got " + value);
        }
        return urls.get(0);
    }
}
