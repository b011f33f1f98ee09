package dev.berth.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.berth.store.LoopbackPorts;
import dev.berth.store.etcd.pb.KVGrpcClient;
import dev.berth.store.etcd.pb.MaintenanceGrpcClient;
import dev.berth.store.etcd.pb.PutRequest;
import dev.berth.store.etcd.pb.RangeRequest;
import dev.berth.store.etcd.pb.StatusRequest;
import dev.berth.store.etcd.pb.StatusResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code berth store} processes on loopback: kill -9 the leader under write load, expect a new
 * leader within two election timeouts, then kill and restart all three and find every acknowledged write.
 */
class StoreProcessesIT {
    private static final int HEARTBEAT_MS = 100;
    private static final int ELECTION_MS = 1000;
    private static final int WRITERS = 8;

    @TempDir
    Path workDir;
    private Vertx vertx;
    private GrpcClient grpc;
    private final List<StoreProcess> members = new ArrayList<>();

    @BeforeEach
    void startCluster() throws IOException {
        assertThat(StoreProcess.jarBuilt()).as("%s must be built by `mvn package` before the integration tests", StoreProcess.JAR).isTrue();
        vertx = Vertx.vertx();
        grpc = GrpcClient.client(vertx);
        for (String name : List.of("s1", "s2", "s3")) {
            members.add(new StoreProcess(name, LoopbackPorts.free(), LoopbackPorts.free(), workDir));
        }
        startAll();
    }

    @AfterEach
    void stopCluster() throws Exception {
        for (StoreProcess m : members) {
            if (m.alive()) {
                m.kill9();
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void startAll() throws IOException {
        String cluster = members.stream().map(m -> m.name + "=" + m.peerUrl()).collect(Collectors.joining(","));
        for (StoreProcess m : members) {
            m.start(cluster, HEARTBEAT_MS, ELECTION_MS);
        }
    }

    @Test
    void survivesKillingTheLeaderUnderLoadAndKeepsEveryAcknowledgedWrite() throws Exception {
        StoreProcess leader = awaitLeader(Duration.ofSeconds(60), null);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Thread t = new Thread(() -> writeUntilStopped(writing, sequence, acknowledged), "writer-" + w);
            t.start();
            writers.add(t);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300);

        long killedAt = System.nanoTime();
        leader.kill9();
        StoreProcess next = awaitLeader(Duration.ofSeconds(30), leader);
        long electedMillis = (System.nanoTime() - killedAt) / 1_000_000;
        int before = acknowledged.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= before + 200);
        writing.set(false);
        for (Thread t : writers) {
            t.join(30_000);
        }
        assertThat(next).isNotSameAs(leader);
        assertThat(electedMillis).as("new leader %s elected %d ms after the leader was killed", next.name, electedMillis)
                .isLessThanOrEqualTo(2L * ELECTION_MS);

        for (StoreProcess m : members) {
            if (m.alive()) {
                m.kill9();
            }
        }
        startAll();
        StoreProcess restarted = awaitLeader(Duration.ofSeconds(60), null);
        var range = result(kv(restarted).range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("key-"))
                .setRangeEnd(ByteString.copyFromUtf8("key.")).build()));
        Map<String, String> stored = range.getKvsList().stream()
                .collect(Collectors.toMap(kv -> kv.getKey().toStringUtf8(), kv -> kv.getValue().toStringUtf8()));
        assertThat(stored).containsAllEntriesOf(acknowledged);
        System.out.printf("kill -9 of leader %s under %d writers: %s led after %d ms (limit %d); %d acknowledged writes,"
                + " all present after killing and restarting all three%n", leader.name, WRITERS, next.name, electedMillis,
                2 * ELECTION_MS, acknowledged.size());
    }

    /** Puts unique keys through random live members; a put counts only once its response arrives. */
    private void writeUntilStopped(AtomicBoolean writing, AtomicInteger sequence, Map<String, String> acknowledged) {
        while (writing.get()) {
            List<StoreProcess> live = members.stream().filter(StoreProcess::alive).toList();
            StoreProcess target = live.get(ThreadLocalRandom.current().nextInt(live.size()));
            String key = "key-" + sequence.incrementAndGet();
            String value = "value-" + key;
            try {
                result(kv(target).put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
                        .setValue(ByteString.copyFromUtf8(value)).build()));
                acknowledged.put(key, value);
            } catch (RuntimeException failedOrUnknown) {
                sleep(20);
            }
        }
    }

    private StoreProcess awaitLeader(Duration timeout, StoreProcess notThis) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (StoreProcess m : members) {
                if (m == notThis || !m.alive()) {
                    continue;
                }
                Optional<StoreProcess> leader = status(m).flatMap(s -> leaderOf(s));
                if (leader.isPresent() && leader.get() != notThis && leader.get().alive()) {
                    return leader.get();
                }
            }
            sleep(10);
        }
        throw new AssertionError("no leader within " + timeout + "; member logs in " + workDir + ": " + logs());
    }

    private Optional<StoreProcess> leaderOf(StatusResponse status) {
        if (status.getLeader() == 0 || status.getLeader() != status.getHeader().getMemberId()) {
            return Optional.empty();
        }
        return members.stream().filter(m -> status(m).map(s -> s.getHeader().getMemberId() == status.getLeader()).orElse(false))
                .findFirst();
    }

    private Optional<StatusResponse> status(StoreProcess m) {
        try {
            return Optional.of(result(MaintenanceGrpcClient.create(grpc, address(m)).status(StatusRequest.getDefaultInstance())));
        } catch (RuntimeException down) {
            return Optional.empty();
        }
    }

    private KVGrpcClient kv(StoreProcess m) {
        return KVGrpcClient.create(grpc, address(m));
    }

    private static SocketAddress address(StoreProcess m) {
        return SocketAddress.inetSocketAddress(m.clientPort, "127.0.0.1");
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private String logs() {
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
