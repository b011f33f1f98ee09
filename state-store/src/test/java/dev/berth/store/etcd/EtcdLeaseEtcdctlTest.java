package dev.berth.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.berth.store.LoopbackPorts;
import dev.berth.store.StoreServer;
import dev.berth.store.raft.RoleKind;
import dev.berth.store.server.StoreNodeConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etcdctl 3.4's lease commands against a single in-process store member, as an operator would run them. */
class EtcdLeaseEtcdctlTest {

    private static final Path ETCDCTL = Path.of("/usr/bin/etcdctl");
    private static final Pattern GRANTED = Pattern.compile("lease ([0-9a-f]+) granted with TTL\\(10s\\)");

    @TempDir
    Path dir;

    private StoreServer server;
    private StoreServer.Settings settings;

    /** The result of one etcdctl run. */
    private record Run(int exit, String output) {
    }

    @BeforeEach
    void start() throws Exception {
        if (!Files.isExecutable(ETCDCTL)) {
            fail(ETCDCTL + " is missing: apt-get install etcd-client");
        }
        URI peer = URI.create("http://127.0.0.1:" + LoopbackPorts.free());
        StoreNodeConfig config = StoreNodeConfig.of("one", dir.resolve("one"), peer, Map.of("one", peer));
        settings = new StoreServer.Settings(config, URI.create("http://127.0.0.1:" + LoopbackPorts.free()), List.of());
        server = StoreServer.start(settings);
        awaitLeader();
    }

    private void awaitLeader() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (int i = 0; i < 150 && server.node().status().role() != RoleKind.LEADER; i++) {
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(server.node().status().role()).as("single member elected itself").isEqualTo(RoleKind.LEADER);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void etcdctlGrantsAttachesKeepsAliveAndRevokes() throws Exception {
        Run grant = etcdctl("lease", "grant", "10");
        assertThat(grant.exit()).as(grant.output()).isZero();
        Matcher granted = GRANTED.matcher(grant.output());
        assertThat(granted.find()).as(grant.output()).isTrue();
        String id = granted.group(1);

        Run put = etcdctl("put", "k", "v", "--lease=" + id);
        assertThat(put.output()).contains("OK");

        Run ttl = untilSucceeds("lease", "timetolive", id, "--keys");
        assertThat(ttl.output()).contains("lease " + id + " granted with TTL(10s)").contains("attached keys([k])");

        Run keepAlive = untilSucceeds("lease", "keep-alive", "--once", id);
        assertThat(keepAlive.output()).contains("lease " + id + " keepalived with TTL(10)");

        Run list = etcdctl("lease", "list");
        assertThat(list.output()).contains("found 1 leases").contains(id);

        Run unknown = etcdctl("put", "other", "v", "--lease=1234abcd");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.output()).contains("etcdserver: requested lease not found");

        Run revoke = etcdctl("lease", "revoke", id);
        assertThat(revoke.output()).contains("lease " + id + " revoked");

        Run get = etcdctl("get", "k");
        assertThat(get.exit()).isZero();
        assertThat(get.output()).isEmpty();

        assertThat(etcdctl("lease", "list").output()).contains("found 0 leases");
    }

    @Test
    void theLeaderRevokesAnExpiredLeaseWithItsKeys() throws Exception {
        Run grant = etcdctl("lease", "grant", "1");
        Matcher granted = Pattern.compile("lease ([0-9a-f]+) granted with TTL\\(2s\\)").matcher(grant.output());
        assertThat(granted.find()).as("raised to the minimum TTL: " + grant.output()).isTrue();
        assertThat(etcdctl("put", "short", "v", "--lease=" + granted.group(1)).output()).contains("OK");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Run get = etcdctl("get", "short");
        for (int attempt = 0; attempt < 40 && !get.output().isEmpty() && System.nanoTime() < deadline; attempt++) {
            Thread.sleep(250);
            get = etcdctl("get", "short");
        }
        assertThat(get.output()).as("the key went with its lease").isEmpty();
        assertThat(etcdctl("lease", "list").output()).contains("found 0 leases");
    }

    @Test
    void aRestartKeepsLeasesAndTheirKeys() throws Exception {
        Matcher granted = GRANTED.matcher(etcdctl("lease", "grant", "10").output());
        assertThat(granted.find()).isTrue();
        String id = granted.group(1);
        assertThat(etcdctl("put", "k", "v", "--lease=" + id).output()).contains("OK");

        server.close();
        server = StoreServer.start(settings);
        awaitLeader();

        assertThat(etcdctl("lease", "list").output()).contains("found 1 leases").contains(id);
        assertThat(untilSucceeds("lease", "timetolive", id, "--keys").output()).contains("attached keys([k])");
    }

    /** Keep-alive and TimeToLive need the leader's lessor, promoted within one lessor tick of the election. */
    private Run untilSucceeds(String... args) throws Exception {
        Run run = etcdctl(args);
        for (int attempt = 1; attempt < 10 && run.exit() != 0; attempt++) {
            Thread.sleep(200);
            run = etcdctl(args);
        }
        assertThat(run.exit()).as(run.output()).isZero();
        return run;
    }

    private Run etcdctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ETCDCTL.toString(),
                "--endpoints=127.0.0.1:" + server.clientPort(), "--dial-timeout=5s", "--command-timeout=10s"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ETCDCTL_API", "3");
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("etcdctl " + String.join(" ", args) + " did not finish in 20 s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

}
