package dev.berth.store;

import dev.berth.store.etcd.EtcdApi;
import dev.berth.store.etcd.EtcdApiServer;
import dev.berth.store.etcd.MemberApi;
import dev.berth.store.lease.LeaseSettings;
import dev.berth.store.lease.Lessor;
import dev.berth.store.lease.LessorLoop;
import dev.berth.store.mvcc.MvccOptions;
import dev.berth.store.mvcc.MvccStore;
import dev.berth.store.server.MemberIds;
import dev.berth.store.server.StoreNode;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNodeConfig;
import dev.berth.store.tls.TlsSettings;
import dev.berth.store.transport.TransportOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole store member, as {@code berth store} runs it: the MVCC store as the replicated state machine of
 * a Raft member, and the etcd v3 API on the client URL.
 */
public final class StoreServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreServer.class);

    /**
     * What a member needs beyond its Raft settings: where clients reach it, with which certificates when the URL
     * is {@code https://} ({@code --cert-file} ...), and the largest request it takes ({@code --max-request-bytes}).
     */
    public record Settings(StoreNodeConfig node, URI listenClientUrl, List<String> advertiseClientUrls, TlsSettings clientTls,
            int maxRequestBytes) {

        /** A plain {@code http://} client URL and etcd's request size limit. */
        public Settings(StoreNodeConfig node, URI listenClientUrl, List<String> advertiseClientUrls) {
            this(node, listenClientUrl, advertiseClientUrls, TlsSettings.none(TlsSettings.Kind.CLIENT),
                    EtcdApiServer.DEFAULT_MAX_REQUEST_BYTES);
        }

        /** Checks the client URL's certificates and the request size; the peers' are the node's to check. */
        public Settings {
            if (maxRequestBytes < 1 || maxRequestBytes > MAX_REQUEST_BYTES_LIMIT) {
                throw new IllegalArgumentException("--max-request-bytes must be in 1.." + MAX_REQUEST_BYTES_LIMIT
                        + " (Raft carries each request in one peer message), got " + maxRequestBytes);
            }
            clientTls.validate(listenClientUrl, "--listen-client-urls");
        }
    }

    /** A request is one Raft entry: keep it well inside the peer transport's largest frame. */
    public static final int MAX_REQUEST_BYTES_LIMIT = TransportOptions.DEFAULT_MAX_FRAME_BYTES / 4;

    private final Vertx vertx;
    private final MvccStore store;
    private final StoreNode node;
    private final MemberApi memberApi;
    private final EtcdApiServer apiServer;
    private final CountDownLatch closed = new CountDownLatch(1);

    private StoreServer(Vertx vertx, MvccStore store, StoreNode node, MemberApi memberApi, EtcdApiServer apiServer) {
        this.vertx = vertx;
        this.store = store;
        this.node = node;
        this.memberApi = memberApi;
        this.apiServer = apiServer;
    }

    /** Starts a member with etcd's lessor settings for its Raft timing (checkpoints every 5 minutes). */
    public static StoreServer start(Settings settings) throws IOException {
        return start(settings, LeaseSettings.of(settings.node(), LeaseSettings.DEFAULT_CHECKPOINT_INTERVAL));
    }

    public static StoreServer start(Settings settings, LeaseSettings leaseSettings) throws IOException {
        StoreNodeConfig config = settings.node();
        Vertx vertx = Vertx.vertx();
        MvccStore store = null;
        StoreNode node = null;
        try {
            Path mvccDir = config.dataDir().resolve("member").resolve("mvcc");
            store = MvccStore.open(mvccDir, MvccOptions.defaults());
            Lessor lessor = new Lessor(System::nanoTime, leaseSettings);
            store.useLessor(lessor, leaseSettings.minTtlSeconds());
            node = StoreNode.start(config, store, vertx);
            StoreNode member = node;
            LessorLoop lessorLoop = new LessorLoop(lessor, leaseSettings,
                    () -> member.status().role() == RoleKind.LEADER, member::propose);
            vertx.setPeriodic(leaseSettings.tickInterval().toMillis(), timer -> lessorLoop.tick());
            long clusterId = MemberIds.of(config.initialCluster().values().stream().map(URI::toString).toList(), config.clusterToken() + "/cluster");
            MemberApi memberApi = MemberApi.of(node, store, lessor, clusterId, config.clusterToken(), () -> directoryBytes(mvccDir),
                    settings.maxRequestBytes(), leaderClient(vertx, settings), config.requestTimeout());
            EtcdApiServer apiServer = EtcdApiServer.start(vertx, settings.listenClientUrl(), settings.clientTls(),
                    settings.maxRequestBytes(), EtcdApi.services(memberApi))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            StoreServer server = new StoreServer(vertx, store, node, memberApi, apiServer);
            server.publish(settings.advertiseClientUrls());
            LOG.info("store member {} ready: etcd API on {}, peers on {}", config.name(), settings.listenClientUrl(), config.peerUrl());
            return server;
        } catch (Exception e) {
            if (node != null) {
                node.close();
            }
            if (store != null) {
                store.close();
            }
            vertx.close();
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("store member " + config.name() + " failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * How this member calls the leader's etcd API (for a lease's time to live, as etcd followers forward it): over TLS
     * with this member's client certificate when client URLs are {@code https://}.
     */
    private static GrpcClient leaderClient(Vertx vertx, Settings settings) {
        HttpClientOptions http = new HttpClientOptions();
        if ("https".equals(settings.listenClientUrl().getScheme())) {
            ClientSSLOptions tls = settings.clientTls().clientOptions();
            http.setSsl(true).setUseAlpn(true).setVerifyHost(true).setKeyCertOptions(tls.getKeyCertOptions())
                    .setTrustOptions(tls.getTrustOptions());
        }
        return GrpcClient.client(vertx, new GrpcClientOptions().setScheduleDeadlineAutomatically(true), http);
    }

    /** Publishes this member's client URLs once a leader exists, retrying in the background until it succeeds. */
    private void publish(List<String> clientUrls) {
        node.publish(clientUrls).whenComplete((members, failure) -> {
            if (failure != null && node.isRunning()) {
                vertx.setTimer(500, id -> publish(clientUrls));
            }
        });
    }

    private static long directoryBytes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    public StoreNode node() {
        return node;
    }

    public MvccStore store() {
        return store;
    }

    /** The member's etcd API as plain calls, for clients in the same JVM. */
    public MemberApi memberApi() {
        return memberApi;
    }

    public int clientPort() {
        return apiServer.port();
    }

    /** Blocks until {@link #close()} runs or the member stops by itself (removed from the cluster, or a fault). */
    public void awaitStopped() throws InterruptedException {
        while (!closed.await(200, TimeUnit.MILLISECONDS)) {
            if (!node.isRunning()) {
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        apiServer.close();
        node.close();
        try {
            store.close();
        } catch (IOException e) {
            LOG.warn("closing the MVCC store failed: {}", e.toString());
        }
        vertx.close();
        closed.countDown();
    }
}
