package dev.berth.app.bench.store;

import dev.berth.store.DirectoryTrees;
import dev.berth.store.LoopbackPorts;
import dev.berth.store.etcd.pb.MaintenanceGrpcClient;
import dev.berth.store.etcd.pb.StatusRequest;
import dev.berth.store.etcd.pb.StatusResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A cluster of one system's members as OS processes in a fresh directory, ready once every member names
 * the same leader. Closing kills the processes and deletes the directory, so no state carries over.
 */
final class BenchCluster implements AutoCloseable {
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);

    private final StoreSystem system;
    private final Path runDir;
    private final List<MemberProcess> members = new ArrayList<>();

    private BenchCluster(StoreSystem system, Path runDir) {
        this.system = system;
        this.runDir = runDir;
    }

    static BenchCluster start(StoreSystem system, int size, Path dataDir, List<String> launcher, ClusterTiming timing) throws IOException {
        Files.createDirectories(dataDir);
        Path runDir = Files.createTempDirectory(dataDir, "store-" + system.label() + "-" + size + "m-");
        BenchCluster cluster = new BenchCluster(system, runDir);
        try {
            for (int i = 1; i <= size; i++) {
                cluster.members.add(new MemberProcess("m" + i, LoopbackPorts.free(), LoopbackPorts.free(), runDir));
            }
            String initialCluster = cluster.members.stream().map(m -> m.name + "=" + m.peerUrl()).collect(Collectors.joining(","));
            for (MemberProcess m : cluster.members) {
                m.start(launcher, initialCluster, runDir.getFileName().toString(), timing);
            }
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Waits until every member answers Maintenance.Status naming one and the same leader. */
    Endpoints awaitLeader(BenchClient client, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<MemberProcess> dead = members.stream().filter(m -> !m.alive()).toList();
            if (!dead.isEmpty()) {
                throw new IllegalStateException(system.label() + " member " + dead.get(0).name + " exited:\n" + dead.get(0).logTail(20));
            }
            OptionalInt leader = agreedLeader(client.unary());
            if (leader.isPresent()) {
                return new Endpoints(client, members.stream().map(MemberProcess::clientAddress).toList(), leader.getAsInt());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no " + system.label() + " leader agreed by all " + members.size() + " member(s) within "
                + timeout.toSeconds() + " s; last log lines of " + members.get(0).name + ":\n" + members.get(0).logTail(20));
    }

    /** The index of the member every member names leader, once they all name the same one. */
    private OptionalInt agreedLeader(UnaryCalls unary) throws InterruptedException {
        long leader = 0;
        int leaderIndex = -1;
        for (int i = 0; i < members.size(); i++) {
            StatusResponse status;
            try {
                status = unary.call(members.get(i).clientAddress(), MaintenanceGrpcClient.Status, StatusRequest.getDefaultInstance())
                        .toCompletionStage().toCompletableFuture().get(STATUS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception notYetServing) {
                return OptionalInt.empty();
            }
            if (status.getLeader() == 0 || (leader != 0 && status.getLeader() != leader)) {
                return OptionalInt.empty();
            }
            leader = status.getLeader();
            if (status.getHeader().getMemberId() == leader) {
                leaderIndex = i;
            }
        }
        return leaderIndex < 0 ? OptionalInt.empty() : OptionalInt.of(leaderIndex);
    }

    @Override
    public void close() {
        try {
            for (MemberProcess m : members) {
                m.kill();
            }
            DirectoryTrees.delete(runDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + runDir, e);
        }
    }

}
