package dev.berth.compat;

import static dev.berth.compat.JetcdCalls.bytes;
import static dev.berth.compat.JetcdCalls.failure;
import static dev.berth.compat.JetcdCalls.result;
import static dev.berth.compat.JetcdCalls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.cluster.Member;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.lease.LeaseTimeToLiveResponse;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.support.CloseableClient;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchEvent.EventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * jetcd 0.8.5 against one single-member cluster per class, with the operations the etcdctl end-to-end tests
 * cover. Subclasses choose the server; running every assertion against etcd 3.4 too shows it describes
 * etcd's behaviour, not Berth's. Each test writes under its own key prefix, so the order does not matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JetcdContract {
        private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static final String MEMBER = "n1";
    /** etcd's default --max-txn-ops. */
    private static final int MAX_TXN_OPS = 128;

    private MemberProcess member;
    private Client client;
    private String prefix;

    /** The command that runs a member, up to its flags. */
    abstract List<String> launcher();

    /**
     * Why this server cannot run here, if it cannot: every test is then skipped with this reason. Checked per test
     * because failsafe counts a class skipped in {@code @BeforeAll} as zero tests run, which reads like a pass.
     */
    Optional<String> unavailable() {
        return Optional.empty();
    }

    @BeforeAll
    void startMember(@TempDir Path workDir) throws IOException {
        if (unavailable().isPresent()) {
            return;
        }
        member = MemberProcess.start(launcher(), MEMBER, workDir);
        // jetcd's channel backs off for seconds after a refused connection, so it connects only once the port is open.
        awaitMember("listening on its client URL", member::acceptsClients);
        client = Client.builder().endpoints(member.clientUrl).connectTimeout(Duration.ofSeconds(5)).build();
        // A member serves once it leads, and lists its client URL once it has published it through the log.
        awaitMember("leading and listing its client URL", () -> status().getLeader() != 0 && !onlyMember().getClientURIs().isEmpty());
    }

    private void awaitMember(String state, Callable<Boolean> condition) {
        try {
            await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .failFast("the member process exited", () -> !member.alive())
                    .until(condition);
        } catch (ConditionTimeoutException | TerminalFailureException notReady) {
            throw new AssertionError("member " + MEMBER + " (" + String.join(" ", launcher()) + ") not " + state + " " + member.clientUrl
                    + " within " + READY_WITHIN + ": " + notReady.getMessage() + "\nits log ends:\n" + member.logTail(), notReady);
        }
    }

    @AfterAll
    void stopMember() throws InterruptedException {
        if (client != null) {
            client.close();
        }
        if (member != null) {
            member.stop();
        }
    }

    @BeforeEach
    void skipUnlessAvailableAndPickAKeyPrefix(TestInfo test) {
        assumeTrue(unavailable().isEmpty(), () -> unavailable().orElseThrow());
        prefix = "/" + test.getTestMethod().orElseThrow().getName() + "/";
    }

    @Test
    void putsAndGetsByPrefixAndAtAnEarlierRevision() throws Exception {
        long first = result(kv().put(key("a"), bytes("1"))).getHeader().getRevision();
        long second = result(kv().put(key("b"), bytes("2"))).getHeader().getRevision();
        PutResponse overwrite = result(kv().put(key("a"), bytes("3"), PutOption.builder().withPrevKV().build()));

        assertThat(second).isEqualTo(first + 1);
        assertThat(overwrite.getHeader().getRevision()).isEqualTo(first + 2);
        assertThat(overwrite.hasPrevKv()).isTrue();
        assertThat(text(overwrite.getPrevKv().getValue())).isEqualTo("1");

        GetResponse all = result(kv().get(key(""), GetOption.builder().isPrefix(true).build()));
        assertThat(all.getCount()).isEqualTo(2);
        assertThat(all.getKvs()).extracting(kv -> text(kv.getKey()), kv -> text(kv.getValue()))
                .containsExactly(tuple(prefix + "a", "3"), tuple(prefix + "b", "2"));
        KeyValue a = all.getKvs().get(0);
        assertThat(a.getCreateRevision()).isEqualTo(first);
        assertThat(a.getModRevision()).isEqualTo(first + 2);
        assertThat(a.getVersion()).isEqualTo(2);

        GetResponse limited = result(kv().get(key(""), GetOption.builder().isPrefix(true).withLimit(1).build()));
        assertThat(limited.getKvs()).hasSize(1);
        assertThat(limited.isMore()).isTrue();
        assertThat(limited.getCount()).isEqualTo(2);

        GetResponse earlier = result(kv().get(key("a"), GetOption.builder().withRevision(first).build()));
        assertThat(earlier.getKvs()).extracting(kv -> text(kv.getValue())).containsExactly("1");

        long future = overwrite.getHeader().getRevision() + 1000;
        assertThat(failure(kv().get(key("a"), GetOption.builder().withRevision(future).build())))
                .hasMessageContaining("mvcc: required revision is a future revision");
    }

    @Test
    void deletesReturningThePreviousValues() throws Exception {
        for (String name : List.of("a", "b", "c")) {
            result(kv().put(key(name), bytes("value-" + name)));
        }

        DeleteResponse one = result(kv().delete(key("a"), DeleteOption.builder().withPrevKV(true).build()));
        assertThat(one.getDeleted()).isEqualTo(1);
        assertThat(one.getPrevKvs()).extracting(kv -> text(kv.getKey()), kv -> text(kv.getValue()))
                .containsExactly(tuple(prefix + "a", "value-a"));

        DeleteResponse rest = result(kv().delete(key(""), DeleteOption.builder().isPrefix(true).build()));
        assertThat(rest.getDeleted()).isEqualTo(2);
        assertThat(rest.getPrevKvs()).as("previous values only when asked for").isEmpty();
        assertThat(result(kv().get(key(""), GetOption.builder().isPrefix(true).build())).getCount()).isZero();

        assertThat(result(kv().delete(key("a"))).getDeleted()).as("deleting what is gone").isZero();
    }

    @Test
    void txnComparesAndSwapsOnBothBranches() throws Exception {
        result(kv().put(key("user"), bytes("alice")));

        TxnResponse taken = casUser();
        assertThat(taken.isSucceeded()).isTrue();
        assertThat(taken.getPutResponses()).hasSize(1);
        assertThat(taken.getGetResponses()).singleElement()
                .satisfies(get -> assertThat(text(get.getKvs().get(0).getValue())).isEqualTo("alice"));
        assertThat(value("result")).isEqualTo("yes");

        long bob = result(kv().put(key("user"), bytes("bob"))).getHeader().getRevision();
        TxnResponse notTaken = casUser();
        assertThat(notTaken.isSucceeded()).isFalse();
        assertThat(notTaken.getGetResponses()).isEmpty();
        assertThat(value("result")).isEqualTo("no");

        // Compare-and-swap on the modification revision: the first swap wins, the repeat sees the new revision.
        for (boolean expected : List.of(true, false)) {
            TxnResponse swap = result(kv().txn()
                    .If(new Cmp(key("user"), Cmp.Op.EQUAL, CmpTarget.modRevision(bob)))
                    .Then(Op.put(key("user"), bytes("carol"), PutOption.DEFAULT))
                    .commit());
            assertThat(swap.isSucceeded()).isEqualTo(expected);
        }
        assertThat(value("user")).isEqualTo("carol");
    }

    @Test
    void txnOverEtcdsDefaultOpLimitIsRefused() throws Exception {
        Op[] puts = IntStream.rangeClosed(1, MAX_TXN_OPS + 1)
                .mapToObj(i -> Op.put(key("k" + i), bytes("v"), PutOption.DEFAULT)).toArray(Op[]::new);

        assertThat(failure(kv().txn().Then(puts).commit())).hasMessageContaining("etcdserver: too many operations in txn request");
        assertThat(result(kv().get(key(""), GetOption.builder().isPrefix(true).build())).getCount()).isZero();
        assertThat(result(kv().txn().Then(Arrays.copyOf(puts, MAX_TXN_OPS)).commit()).isSucceeded()).isTrue();
    }

    private TxnResponse casUser() throws Exception {
        return result(kv().txn()
                .If(new Cmp(key("user"), Cmp.Op.EQUAL, CmpTarget.value(bytes("alice"))))
                .Then(Op.put(key("result"), bytes("yes"), PutOption.DEFAULT), Op.get(key("user"), GetOption.DEFAULT))
                .Else(Op.put(key("result"), bytes("no"), PutOption.DEFAULT))
                .commit());
    }

    @Test
    void watchesFromAPastRevisionWithPreviousValuesUntilCancelled() throws Exception {
        long first = result(kv().put(key("a"), bytes("1"))).getHeader().getRevision();
        result(kv().put(key("a"), bytes("2")));
        long deleted = result(kv().delete(key("a"))).getHeader().getRevision();

        List<WatchEvent> events = new CopyOnWriteArrayList<>();
        AtomicBoolean completed = new AtomicBoolean();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Watch.Watcher watcher = client.getWatchClient().watch(key(""),
                WatchOption.builder().isPrefix(true).withRevision(first).withPrevKV(true).build(),
                Watch.listener(response -> events.addAll(response.getEvents()), error::set, () -> completed.set(true)));
        try {
            await("three past events").atMost(JetcdCalls.TIMEOUT).until(() -> events.size() >= 3 || error.get() != null);
            assertThat(error.get()).isNull();
            assertThat(events).extracting(WatchEvent::getEventType).containsExactly(EventType.PUT, EventType.PUT, EventType.DELETE);
            assertThat(events).extracting(e -> e.getKeyValue().getModRevision()).containsExactly(first, first + 1, deleted);
            assertThat(events).extracting(e -> text(e.getKeyValue().getValue())).containsExactly("1", "2", "");
            assertThat(events).extracting(e -> text(e.getPrevKV().getValue())).containsExactly("", "1", "2");
        } finally {
            watcher.close();
        }
        assertThat(completed).as("a cancelled watch completes").isTrue();

        // After the cancel the stream is gone: a new watcher sees the next put, the cancelled one does not.
        AtomicBoolean created = new AtomicBoolean();
        List<WatchEvent> later = new CopyOnWriteArrayList<>();
        Watch.Watcher next = client.getWatchClient().watch(key(""), WatchOption.builder().isPrefix(true).withCreateNotify(true).build(),
                response -> {
                    created.compareAndSet(false, response.isCreatedNotify());
                    later.addAll(response.getEvents());
                });
        try {
            await("the new watcher created").atMost(JetcdCalls.TIMEOUT).untilTrue(created);
            result(kv().put(key("b"), bytes("after-cancel")));
            await("the put after the cancel").atMost(JetcdCalls.TIMEOUT).until(() -> !later.isEmpty());
        } finally {
            next.close();
        }
        assertThat(events).hasSize(3);
    }

    @Test
    void leasesGrantKeepAliveTellTheirTimeToLiveAndTakeTheirKeysWhenRevoked() throws Exception {
        long id = result(client.getLeaseClient().grant(30)).getID();
        assertThat(id).isNotZero();
        result(kv().put(key("leased"), bytes("v"), PutOption.builder().withLeaseId(id).build()));

        LeaseTimeToLiveResponse ttl = result(client.getLeaseClient().timeToLive(id, LeaseOption.builder().withAttachedKeys().build()));
        assertThat(ttl.getGrantedTTL()).isEqualTo(30);
        assertThat(ttl.getTTL()).isBetween(1L, 30L);
        assertThat(ttl.getKeys()).extracting(JetcdCalls::text).containsExactly(prefix + "leased");

        assertThat(result(client.getLeaseClient().keepAliveOnce(id)).getTTL()).isEqualTo(30);
        List<LeaseKeepAliveResponse> renewals = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> keepAliveError = new AtomicReference<>();
        CloseableClient keepAlive = client.getLeaseClient().keepAlive(id, JetcdCalls.collecting(renewals, keepAliveError));
        try {
            await("a keep-alive response").atMost(JetcdCalls.TIMEOUT)
                    .until(() -> !renewals.isEmpty() || keepAliveError.get() != null);
        } finally {
            keepAlive.close();
        }
        assertThat(keepAliveError.get()).isNull();
        assertThat(renewals.get(0).getID()).isEqualTo(id);
        assertThat(renewals.get(0).getTTL()).isEqualTo(30);

        result(client.getLeaseClient().revoke(id));
        assertThat(result(kv().get(key("leased"))).getKvs()).as("the key went with its lease").isEmpty();
        assertThat(result(client.getLeaseClient().timeToLive(id, LeaseOption.DEFAULT)).getTTL())
                .as("etcd's TTL for a lease that does not exist").isEqualTo(-1);
        assertThat(failure(client.getLeaseClient().revoke(id))).hasMessageContaining("requested lease not found");
    }

    @Test
    void compactionMakesEarlierRevisionsUnreadable() throws Exception {
        long first = result(kv().put(key("c"), bytes("1"))).getHeader().getRevision();
        long second = result(kv().put(key("c"), bytes("2"))).getHeader().getRevision();

        result(kv().compact(second));

        assertThat(failure(kv().get(key("c"), GetOption.builder().withRevision(first).build())))
                .hasMessageContaining("mvcc: required revision has been compacted");
        assertThat(text(result(kv().get(key("c"), GetOption.builder().withRevision(second).build())).getKvs().get(0).getValue()))
                .isEqualTo("2");
        assertThat(failure(kv().compact(first))).hasMessageContaining("mvcc: required revision has been compacted");

        AtomicReference<Throwable> watchError = new AtomicReference<>();
        Watch.Watcher watcher = client.getWatchClient().watch(key("c"), WatchOption.builder().withRevision(first).build(),
                response -> { }, watchError::set);
        try {
            await("the watch from a compacted revision to fail").atMost(JetcdCalls.TIMEOUT)
                    .until(() -> watchError.get() != null);
        } finally {
            watcher.close();
        }
        assertThat(watchError.get()).isInstanceOfSatisfying(CompactedException.class,
                compacted -> assertThat(compacted.getCompactedRevision()).isEqualTo(second));
    }

    @Test
    void memberListShowsTheOneMember() throws Exception {
        Member only = onlyMember();
        assertThat(only.getName()).isEqualTo(MEMBER);
        assertThat(only.getPeerURIs()).containsExactly(member.peerUrl);
        assertThat(only.getClientURIs()).containsExactly(member.clientUrl);
        assertThat(only.isLearner()).isFalse();
        assertThat(only.getId()).isEqualTo(status().getHeader().getMemberId());
    }

    @Test
    void statusNamesTheLeaderAndAnEtcd34Version() throws Exception {
        result(kv().put(key("k"), bytes("v")));
        StatusResponse status = status();
        assertThat(status.getVersion()).startsWith("3.4.");
        assertThat(status.getLeader()).as("a single member leads itself").isEqualTo(status.getHeader().getMemberId());
        assertThat(status.getRaftTerm()).isPositive();
        assertThat(status.getRaftIndex()).isPositive();
        assertThat(status.getDbSize()).isPositive();
    }

    @Test
    void snapshotStreamEndsWithTheSha256OfItsBody() throws Exception {
        result(kv().put(key("k"), bytes("v")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long written = result(client.getMaintenanceClient().snapshot(out));
        byte[] bytes = out.toByteArray();

        assertThat(written).isEqualTo(bytes.length);
        byte[] body = Arrays.copyOf(bytes, bytes.length - 32);
        assertThat(body.length % 512).as("etcdctl snapshot restore checks the body is whole 512-byte blocks").isZero();
        assertThat(Arrays.copyOfRange(bytes, body.length, bytes.length)).as("the last 32 bytes")
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
    }

    private KV kv() {
        return client.getKVClient();
    }

    private StatusResponse status() throws Exception {
        return result(client.getMaintenanceClient().statusMember(member.clientUrl.toString()));
    }

    private Member onlyMember() throws Exception {
        return result(client.getClusterClient().listMember()).getMembers().stream().reduce((a, b) -> {
            throw new AssertionError("more than one member: " + a + ", " + b);
        }).orElseThrow(() -> new AssertionError("no members"));
    }

    private String value(String name) throws Exception {
        return text(result(kv().get(key(name))).getKvs().get(0).getValue());
    }

    private ByteSequence key(String name) {
        return bytes(prefix + name);
    }
}
