package dev.berth.app.store;

import com.google.protobuf.ByteString;
import dev.berth.store.LoopbackPorts;
import dev.berth.store.client.ClientOptions;
import dev.berth.store.client.Endpoint;
import dev.berth.store.client.RemoteStoreClient;
import dev.berth.store.etcd.pb.MaintenanceGrpcClient;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.StatusRequest;
import dev.berth.store.etcd.pb.StatusResponse;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code berth store} processes on loopback forming one cluster with etcd's default timing (100 ms heartbeat, 1 s
 * election timeout), and the clients the tests reach them with: Maintenance.Status per member to find the leader,
 * and Berth's own {@link RemoteStoreClient} over every member for reads and writes.
 */
final class StoreCluster implements AutoCloseable {
    static final int HEARTBEAT_MS = 100;
    static final int ELECTION_MS = 1000;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    final List<StoreProcess> members;
    private final Path workDir;
    private final Vertx vertx = Vertx.vertx();
    private final GrpcClient grpc = GrpcClient.client(vertx);
    private final RemoteStoreClient client;

    private StoreCluster(Path workDir, List<StoreProcess> members) {
        this.workDir = workDir;
        this.members = List.copyOf(members);
        this.client = RemoteStoreClient.connect(vertx, members.stream().map(m -> new Endpoint("127.0.0.1", m.clientPort)).toList(),
                ClientOptions.defaults());
    }

    /** Members named {@code names}, data dirs and logs under {@code workDir}; none started yet. */
    static StoreCluster of(Path workDir, List<String> names) throws IOException {
        if (!StoreProcess.jarBuilt()) {
            throw new AssertionError(StoreProcess.JAR + " must be built by `mvn package` before the integration tests");
        }
        List<StoreProcess> members = new ArrayList<>();
        for (String name : names) {
            members.add(new StoreProcess(name, LoopbackPorts.free(), LoopbackPorts.free(), workDir));
        }
        return new StoreCluster(workDir, members);
    }

    void startAll() throws IOException {
        for (StoreProcess m : members) {
            start(m);
        }
    }

    void start(StoreProcess member) throws IOException {
        member.start(initialCluster(), HEARTBEAT_MS, ELECTION_MS);
    }

    void start(StoreProcess member, Map<String, String> environment) throws IOException {
        member.start(initialCluster(), HEARTBEAT_MS, ELECTION_MS, environment);
    }

    private String initialCluster() {
        return members.stream().map(m -> m.name + "=" + m.peerUrl()).collect(Collectors.joining(","));
    }

    /** The client every test writes and reads through: it fails over between members by Berth's retry rule. */
    RemoteStoreClient client() {
        return client;
    }

    /** The live member other than {@code notThis} (may be null) that its own Status names leader. */
    StoreProcess awaitLeader(Duration timeout, StoreProcess notThis) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (StoreProcess m : members) {
                if (m != notThis && m.alive() && status(m).filter(s -> s.getLeader() != 0 && s.getLeader() == s.getHeader().getMemberId())
                        .isPresent()) {
                    return m;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no leader within " + timeout + "; member logs in " + workDir + ": " + logs());
    }

    /** Waits until {@code member} answers Status naming a leader: it has opened its store and joined the cluster. */
    void awaitServing(StoreProcess member, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status(member).filter(s -> s.getLeader() != 0).isEmpty()) {
            if (System.nanoTime() > deadline || !member.alive()) {
                throw new AssertionError(member.name + " not serving within " + timeout + "; its output:\n" + member.output());
            }
            Thread.sleep(10);
        }
    }

    private Optional<StatusResponse> status(StoreProcess m) {
        try {
            return Optional.of(MaintenanceGrpcClient.create(grpc, SocketAddress.inetSocketAddress(m.clientPort, "127.0.0.1"))
                    .status(StatusRequest.getDefaultInstance()).toCompletionStage().toCompletableFuture()
                    .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception down) {
            return Optional.empty();
        }
    }

    /** Every key starting with {@code prefix} and its value, by a linearizable read. */
    Map<String, String> readPrefix(String prefix) throws Exception {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        end[end.length - 1]++;
        var range = client.range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(prefix))
                .setRangeEnd(ByteString.copyFrom(end)).build()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return range.getKvsList().stream().collect(Collectors.toMap(kv -> kv.getKey().toStringUtf8(), kv -> kv.getValue().toStringUtf8()));
    }

    /** The last lines each member printed, for failure messages. */
    String logs() {
        StringBuilder b = new StringBuilder();
        for (StoreProcess m : members) {
            try {
                List<String> lines = Files.readAllLines(m.log);
                b.append("\n--- ").append(m.name).append(" (last lines) ---\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            } catch (IOException e) {
                b.append("\n--- ").append(m.name).append(": no log ---");
            }
        }
        return b.toString();
    }

    /** Kills what still runs (a test that stops members cleanly has done so already) and closes the clients. */
    @Override
    public void close() throws Exception {
        for (StoreProcess m : members) {
            if (m.alive()) {
                m.kill9();
            }
        }
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
